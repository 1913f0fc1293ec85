package studio.codebook.ui.controls;

import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A clip's waveform as a min/max envelope per pixel column, with a playhead line and a time selection made
 * by dragging. It resizes with its container and redraws when its {@link WaveformData} grows, so it can
 * follow audio as it streams in; while streaming, {@link #expectedSecondsProperty()} keeps the time axis
 * fixed so the wave fills from the left instead of rescaling. The envelope and the overlay (playhead,
 * selection) are two canvases, so moving the playhead does not redraw the wave.
 */
public class WaveformView extends Region {

    private static final Color BACKGROUND = Color.web("#16171d");
    private static final Color AXIS = Color.web("#2c2e38");
    private static final Color WAVE = Color.web("#6fb1ff");
    private static final Color PENDING = Color.web("#2a2c36");
    private static final Color SELECTION = Color.web("#ffffff", 0.14);
    private static final Color SELECTION_EDGE = Color.web("#ffffff", 0.5);
    private static final Color PLAYHEAD = Color.web("#ffcc55");
    /** Pixels a press must move before it counts as a drag (a selection) rather than a click. */
    private static final double DRAG_THRESHOLD = 3;

    private final Canvas wave = new Canvas();
    private final Canvas overlay = new Canvas();
    private final ObjectProperty<WaveformData> data = new SimpleObjectProperty<>(this, "data");
    private final DoubleProperty expectedSeconds = new SimpleDoubleProperty(this, "expectedSeconds", 0);
    private final DoubleProperty playhead = new SimpleDoubleProperty(this, "playhead", -1);
    private final DoubleProperty selectionStart = new SimpleDoubleProperty(this, "selectionStart", -1);
    private final DoubleProperty selectionEnd = new SimpleDoubleProperty(this, "selectionEnd", -1);
    private final InvalidationListener redrawWave = o -> drawWave();
    private double pressX = Double.NaN;
    private boolean dragging;
    private float[] mins = new float[0];
    private float[] maxs = new float[0];

    public WaveformView() {
        getStyleClass().add("waveform-view");
        getChildren().addAll(wave, overlay);
        setMinSize(60, 40);
        setPrefSize(600, 96);
        data.addListener((obs, old, now) -> {
            if (old != null) {
                old.revision().removeListener(redrawWave);
            }
            if (now != null) {
                now.revision().addListener(redrawWave);
            }
            drawWave();
        });
        expectedSeconds.addListener(redrawWave);
        InvalidationListener redrawOverlay = o -> drawOverlay();
        playhead.addListener(redrawOverlay);
        selectionStart.addListener(redrawOverlay);
        selectionEnd.addListener(redrawOverlay);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    }

    public ObjectProperty<WaveformData> dataProperty() {
        return data;
    }

    public WaveformData getData() {
        return data.get();
    }

    public void setData(WaveformData value) {
        data.set(value);
    }

    /** Length of the time axis in seconds; 0 or less = the data's own duration. */
    public DoubleProperty expectedSecondsProperty() {
        return expectedSeconds;
    }

    /** The playhead in seconds; negative = hidden. */
    public DoubleProperty playheadProperty() {
        return playhead;
    }

    /** Start of the selected span in seconds; negative = no selection. */
    public DoubleProperty selectionStartProperty() {
        return selectionStart;
    }

    /** End of the selected span in seconds (after the start); negative = no selection. */
    public DoubleProperty selectionEndProperty() {
        return selectionEnd;
    }

    /** Seconds shown across the full width. */
    public double timelineSeconds() {
        WaveformData d = data.get();
        double own = d == null ? 0 : d.durationSeconds();
        return Math.max(own, expectedSeconds.get());
    }

    /** The time under x (clamped to the timeline). */
    public double secondsAt(double x) {
        double w = getWidth();
        return w <= 0 ? 0 : Math.max(0, Math.min(1, x / w)) * timelineSeconds();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (wave.getWidth() != w || wave.getHeight() != h) {
            wave.setWidth(w);
            wave.setHeight(h);
            overlay.setWidth(w);
            overlay.setHeight(h);
            drawWave();
        }
    }

    private void drawWave() {
        double w = wave.getWidth();
        double h = wave.getHeight();
        GraphicsContext g = wave.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        double mid = h / 2;
        g.setStroke(AXIS);
        g.setLineWidth(1);
        g.strokeLine(0, Math.floor(mid) + 0.5, w, Math.floor(mid) + 0.5);
        WaveformData d = data.get();
        double seconds = timelineSeconds();
        int columns = (int) w;
        if (d != null && d.length() > 0 && seconds > 0 && columns > 0) {
            if (mins.length != columns) {
                mins = new float[columns];
                maxs = new float[columns];
            }
            double perPixel = seconds * d.sampleRate() / columns;
            int filled = d.envelope(0, perPixel, mins, maxs);
            g.setFill(WAVE);
            double half = h / 2 - 2;
            for (int x = 0; x < filled; x++) {
                double top = mid - Math.min(1, maxs[x]) * half;
                double bottom = mid - Math.max(-1, mins[x]) * half;
                g.fillRect(x, top, 1, Math.max(1, bottom - top));
            }
            if (filled < columns) {
                g.setFill(PENDING); // audio still to come
                g.fillRect(filled, mid - 1, columns - filled, 2);
            }
        }
        drawOverlay();
    }

    private void drawOverlay() {
        double w = overlay.getWidth();
        double h = overlay.getHeight();
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        double seconds = timelineSeconds();
        if (seconds <= 0) {
            return;
        }
        double s0 = selectionStart.get();
        double s1 = selectionEnd.get();
        if (s0 >= 0 && s1 > s0) {
            double x0 = s0 / seconds * w;
            double x1 = s1 / seconds * w;
            g.setFill(SELECTION);
            g.fillRect(x0, 0, x1 - x0, h);
            g.setStroke(SELECTION_EDGE);
            g.setLineWidth(1);
            g.strokeLine(Math.floor(x0) + 0.5, 0, Math.floor(x0) + 0.5, h);
            g.strokeLine(Math.floor(x1) + 0.5, 0, Math.floor(x1) + 0.5, h);
        }
        double p = playhead.get();
        if (p >= 0) {
            double x = Math.floor(Math.min(p, seconds) / seconds * w) + 0.5;
            g.setStroke(PLAYHEAD);
            g.setLineWidth(1.5);
            g.strokeLine(x, 0, x, h);
        }
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        pressX = e.getX();
        dragging = false;
    }

    private void dragged(MouseEvent e) {
        if (Double.isNaN(pressX)) {
            return;
        }
        if (!dragging && Math.abs(e.getX() - pressX) < DRAG_THRESHOLD) {
            return;
        }
        dragging = true;
        double a = secondsAt(Math.min(pressX, e.getX()));
        double b = secondsAt(Math.max(pressX, e.getX()));
        selectionStart.set(a);
        selectionEnd.set(b);
    }

    private void released(MouseEvent e) {
        if (!Double.isNaN(pressX) && !dragging) {
            clearSelection(); // a click without dragging
        }
        pressX = Double.NaN;
        dragging = false;
    }

    public void clearSelection() {
        selectionStart.set(-1);
        selectionEnd.set(-1);
    }
}
