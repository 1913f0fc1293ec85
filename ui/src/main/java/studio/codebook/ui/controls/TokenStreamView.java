package studio.codebook.ui.controls;

import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The K token streams of a clip as heatmap rows, one per codebook, the colour of a cell standing for its
 * token id ({@link TokenPalette}). Raw or delay layout is a matter of the {@link TokenGrid}'s row shifts.
 *
 * <p>Mouse wheel zooms around the pointer, Shift + wheel (or a horizontal wheel) scrolls, as does the scroll
 * bar; dragging selects a span of time ({@link #selectionProperty()}), a click clears it. The token under
 * the pointer is published in {@link #hoveredProperty()} and shown in a tooltip.
 */
public class TokenStreamView extends Region {

    /** Pixels per frame at the largest zoom. */
    public static final double MAX_PIXELS_PER_FRAME = 48;
    /** Pixels per frame at the smallest zoom (a 10-minute clip at 50 frames/s fits in about 1800 pixels). */
    public static final double MIN_PIXELS_PER_FRAME = 0.06;

    private static final double LABEL_WIDTH = 40;
    private static final double AXIS_HEIGHT = 22;
    private static final Color BACKGROUND = Color.web("#1b1c22");
    private static final Color EMPTY = Color.web("#2a2b33");
    private static final Color LABEL = Color.web("#b8b9c8");
    private static final Color AXIS = Color.web("#7d7f90");
    private static final Color PLAYHEAD = Color.web("#ffd166");

    private final Canvas canvas = new Canvas();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Tooltip tooltip = new Tooltip();

    private final ObjectProperty<TokenGrid> grid = new SimpleObjectProperty<>(this, "grid");
    private final DoubleProperty pixelsPerFrame = new SimpleDoubleProperty(this, "pixelsPerFrame", 4);
    private final DoubleProperty firstColumn = new SimpleDoubleProperty(this, "firstColumn", 0);
    private final ObjectProperty<TimeSpan> selection = new SimpleObjectProperty<>(this, "selection");
    private final DoubleProperty playhead = new SimpleDoubleProperty(this, "playhead", -1);
    private final ReadOnlyObjectWrapper<TokenCell> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");

    private TokenPalette palette;
    private double dragAnchorColumn = Double.NaN;
    private boolean dragged;
    private boolean adjustingScrollBar;

    public TokenStreamView() {
        getStyleClass().add("token-stream");
        scrollBar.setOrientation(Orientation.HORIZONTAL);
        getChildren().addAll(canvas, scrollBar);
        setMinSize(160, 80);
        setPrefSize(900, 260);
        tooltip.setShowDelay(Duration.millis(120));
        tooltip.setHideDelay(Duration.millis(60));

        grid.addListener((obs, old, g) -> {
            palette = g == null ? null : (palette != null && palette.size() == g.codebookSize() ? palette
                    : TokenPalette.of(g.codebookSize()));
            if (g == null || old == null || old.numFrames() != g.numFrames()) {
                selection.set(null);
            }
            hovered.set(null);
            clampScroll();
            redraw();
        });
        pixelsPerFrame.addListener((obs, o, n) -> {
            clampScroll();
            redraw();
        });
        firstColumn.addListener((obs, o, n) -> redraw());
        selection.addListener((Observable o) -> redraw());
        playhead.addListener((Observable o) -> redraw());
        hovered.addListener((obs, o, cell) -> {
            if (cell == null) {
                Tooltip.uninstall(canvas, tooltip);
            } else {
                tooltip.setText(cell.describe());
                Tooltip.install(canvas, tooltip);
            }
            redraw();
        });
        scrollBar.valueProperty().addListener((obs, o, n) -> {
            if (!adjustingScrollBar) {
                firstColumn.set(n.doubleValue());
            }
        });

        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hovered.set(hit(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hovered.set(null));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    /** The codes to draw; null draws an empty control. */
    public ObjectProperty<TokenGrid> gridProperty() {
        return grid;
    }

    public TokenGrid getGrid() {
        return grid.get();
    }

    public void setGrid(TokenGrid g) {
        grid.set(g);
    }

    /** Zoom: pixels per frame, within [{@link #MIN_PIXELS_PER_FRAME}, {@link #MAX_PIXELS_PER_FRAME}]. */
    public DoubleProperty pixelsPerFrameProperty() {
        return pixelsPerFrame;
    }

    /** Horizontal scroll: the grid column at the left edge. */
    public DoubleProperty firstColumnProperty() {
        return firstColumn;
    }

    /** The span the user dragged over, in seconds; null for none. */
    public ObjectProperty<TimeSpan> selectionProperty() {
        return selection;
    }

    /** The playback position in seconds, drawn as a line; negative hides it. */
    public DoubleProperty playheadProperty() {
        return playhead;
    }

    /** The token under the pointer, or null. */
    public ReadOnlyObjectProperty<TokenCell> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    /** The current geometry (for tests and for the hover label). */
    public TokenStreamLayout geometry() {
        TokenGrid g = grid.get();
        int rows = g == null ? 1 : g.numRows();
        double rowHeight = Math.max(3, (canvas.getHeight() - AXIS_HEIGHT) / rows);
        return new TokenStreamLayout(LABEL_WIDTH, rowHeight, pixelsPerFrame.get(), firstColumn.get(), rows,
                g == null ? 0 : g.numColumns());
    }

    /** The token at a point of the control, or null. */
    public TokenCell hit(double x, double y) {
        TokenGrid g = grid.get();
        return g == null ? null : geometry().hit(g, x, y);
    }

    /** Doubles the zoom, keeping the centre in place. */
    public void zoomIn() {
        zoomAround(2, canvas.getWidth() / 2 + LABEL_WIDTH / 2);
    }

    public void zoomOut() {
        zoomAround(0.5, canvas.getWidth() / 2 + LABEL_WIDTH / 2);
    }

    /** Zoom so the whole clip fits the width. */
    public void zoomToFit() {
        TokenGrid g = grid.get();
        if (g == null || g.numColumns() == 0 || canvas.getWidth() <= LABEL_WIDTH) {
            return;
        }
        pixelsPerFrame.set(clampZoom((canvas.getWidth() - LABEL_WIDTH) / g.numColumns()));
        firstColumn.set(0);
    }

    private void zoomAround(double factor, double x) {
        TokenStreamLayout before = geometry();
        double column = before.columnAt(x);
        double ppf = clampZoom(pixelsPerFrame.get() * factor);
        pixelsPerFrame.set(ppf);
        firstColumn.set(column - (x - LABEL_WIDTH) / ppf);
        clampScroll();
    }

    private static double clampZoom(double ppf) {
        return Math.max(MIN_PIXELS_PER_FRAME, Math.min(MAX_PIXELS_PER_FRAME, ppf));
    }

    private void clampScroll() {
        TokenGrid g = grid.get();
        double visible = geometry().visibleColumns(canvas.getWidth());
        double max = g == null ? 0 : Math.max(0, g.numColumns() - visible);
        if (firstColumn.get() > max) {
            firstColumn.set(max);
        } else if (firstColumn.get() < 0) {
            firstColumn.set(0);
        }
        adjustingScrollBar = true;
        try {
            scrollBar.setMin(0);
            scrollBar.setMax(max);
            scrollBar.setVisibleAmount(g == null ? 1 : Math.min(visible, g.numColumns()));
            scrollBar.setUnitIncrement(Math.max(1, visible / 20));
            scrollBar.setBlockIncrement(Math.max(1, visible * 0.8));
            scrollBar.setValue(firstColumn.get());
            scrollBar.setDisable(max == 0);
        } finally {
            adjustingScrollBar = false;
        }
    }

    private void pressed(MouseEvent e) {
        TokenGrid g = grid.get();
        if (g == null || e.getX() < LABEL_WIDTH) {
            return;
        }
        dragAnchorColumn = clampColumn(geometry().columnAt(e.getX()));
        dragged = false;
    }

    private void dragged(MouseEvent e) {
        TokenGrid g = grid.get();
        if (g == null || Double.isNaN(dragAnchorColumn)) {
            return;
        }
        double column = clampColumn(geometry().columnAt(e.getX()));
        dragged = true;
        selection.set(TimeSpan.between(g.secondsAt(Math.floor(Math.min(column, dragAnchorColumn))),
                g.secondsAt(Math.ceil(Math.max(column, dragAnchorColumn)))));
        hovered.set(hit(e.getX(), e.getY()));
    }

    private void released(MouseEvent e) {
        if (!Double.isNaN(dragAnchorColumn) && !dragged && e.isStillSincePress()) {
            selection.set(null);
        }
        dragAnchorColumn = Double.NaN;
    }

    private double clampColumn(double c) {
        TokenGrid g = grid.get();
        return Math.max(0, Math.min(g == null ? 0 : g.numFrames(), c));
    }

    private void scrolled(ScrollEvent e) {
        if (grid.get() == null) {
            return;
        }
        double horizontal = e.isShiftDown() ? (e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY()) : e.getDeltaX();
        if (horizontal != 0) {
            firstColumn.set(firstColumn.get() - horizontal / pixelsPerFrame.get());
            clampScroll();
        } else if (e.getDeltaY() != 0) {
            zoomAround(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getX());
        }
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double barHeight = scrollBar.prefHeight(-1);
        canvas.setLayoutX(snappedLeftInset());
        canvas.setLayoutY(snappedTopInset());
        canvas.setWidth(Math.max(0, w));
        canvas.setHeight(Math.max(0, h - barHeight));
        scrollBar.resizeRelocate(snappedLeftInset() + LABEL_WIDTH, snappedTopInset() + h - barHeight,
                Math.max(0, w - LABEL_WIDTH), barHeight);
        clampScroll();
        redraw();
    }

    /** Paints the canvas from the properties; cheap (one scaled image for all cells). */
    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(BACKGROUND);
        gc.fillRect(0, 0, w, h);
        TokenGrid g = grid.get();
        if (g == null || w <= LABEL_WIDTH || h <= AXIS_HEIGHT) {
            return;
        }
        TokenStreamLayout l = geometry();
        drawCells(gc, g, l, w);
        drawLabels(gc, g, l);
        drawAxis(gc, g, l, w);
        drawSelection(gc, g, l, w);
        TokenCell cell = hovered.get();
        if (cell != null) {
            double x = l.xOf(cell.column());
            gc.setStroke(Color.WHITE);
            gc.setLineWidth(1.5);
            gc.strokeRect(x, cell.codebook() * l.rowHeight(), Math.max(2, l.pixelsPerFrame()), l.rowHeight());
        }
        if (playhead.get() >= 0) {
            double x = l.xOf(playhead.get() * g.frameRate());
            if (x >= LABEL_WIDTH && x <= w) {
                gc.setStroke(PLAYHEAD);
                gc.setLineWidth(1.5);
                gc.strokeLine(x, 0, x, l.streamsHeight());
            }
        }
    }

    private void drawCells(GraphicsContext gc, TokenGrid g, TokenStreamLayout l, double w) {
        double ppf = l.pixelsPerFrame();
        int first = (int) Math.floor(l.firstColumn());
        int emptyArgb = 0xff000000 | (int) (EMPTY.getRed() * 255) << 16 | (int) (EMPTY.getGreen() * 255) << 8
                | (int) (EMPTY.getBlue() * 255);
        // one image column per grid column when zoomed in, per screen pixel when zoomed out
        double streamWidth = w - LABEL_WIDTH;
        int imageColumns;
        double scale;
        if (ppf >= 1) {
            imageColumns = (int) Math.ceil(streamWidth / ppf) + 2;
            scale = ppf;
        } else {
            imageColumns = (int) Math.ceil(streamWidth) + 1;
            scale = 1;
        }
        imageColumns = Math.max(1, imageColumns);
        WritableImage image = new WritableImage(imageColumns, g.numRows());
        PixelWriter pw = image.getPixelWriter();
        for (int i = 0; i < imageColumns; i++) {
            int column = ppf >= 1 ? first + i : (int) Math.floor(l.firstColumn() + i / ppf);
            for (int k = 0; k < g.numRows(); k++) {
                int token = column < g.numColumns() ? g.tokenAt(k, column) : -2;
                pw.setArgb(i, k, token >= 0 ? palette.argb(token) : token == -1 ? emptyArgb : 0xff1b1c22);
            }
        }
        double x0 = ppf >= 1 ? l.xOf(first) : LABEL_WIDTH;
        gc.save();
        gc.beginPath();
        gc.rect(LABEL_WIDTH, 0, streamWidth, l.streamsHeight());
        gc.clip();
        gc.setImageSmoothing(false);
        gc.drawImage(image, 0, 0, imageColumns, g.numRows(), x0, 0, imageColumns * scale, l.streamsHeight());
        if (l.rowHeight() >= 8) {
            gc.setStroke(BACKGROUND);
            gc.setLineWidth(1);
            for (int k = 1; k < g.numRows(); k++) {
                double y = Math.round(k * l.rowHeight()) + 0.5;
                gc.strokeLine(LABEL_WIDTH, y, w, y);
            }
        }
        if (ppf >= 10) {
            gc.setStroke(Color.rgb(27, 28, 34, 0.55));
            gc.setLineWidth(1);
            for (int i = 0; i <= imageColumns; i++) {
                double x = Math.round(x0 + i * ppf) + 0.5;
                gc.strokeLine(x, 0, x, l.streamsHeight());
            }
        }
        gc.restore();
    }

    private void drawLabels(GraphicsContext gc, TokenGrid g, TokenStreamLayout l) {
        double size = Math.min(12, l.rowHeight() * 0.8);
        int every = size < 7 ? (int) Math.ceil(7 / Math.max(1, size)) : 1;
        gc.setFont(Font.font(Math.max(7, size)));
        gc.setFill(LABEL);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < g.numRows(); k += every) {
            gc.fillText("z" + (k + 1), LABEL_WIDTH - 6, (k + 0.5) * l.rowHeight());
        }
    }

    private void drawAxis(GraphicsContext gc, TokenGrid g, TokenStreamLayout l, double w) {
        double pixelsPerSecond = l.pixelsPerFrame() * g.frameRate();
        double step = tickStep(pixelsPerSecond);
        double startSeconds = Math.max(0, g.secondsAt(l.firstColumn()));
        double endSeconds = g.secondsAt(l.columnAt(w));
        double y = l.streamsHeight();
        gc.setStroke(AXIS);
        gc.setFill(AXIS);
        gc.setLineWidth(1);
        gc.setFont(Font.font(10));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        for (double s = Math.ceil(startSeconds / step) * step; s <= endSeconds + 1e-9; s += step) {
            double x = Math.round(l.xOf(s * g.frameRate())) + 0.5;
            if (x < LABEL_WIDTH) {
                continue;
            }
            gc.strokeLine(x, y, x, y + 4);
            gc.fillText(formatSeconds(s, step), x + 2, y + 5);
        }
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText("s", LABEL_WIDTH - 6, y + 5);
    }

    /** The smallest 1-2-5 step in seconds whose ticks lie at least 70 pixels apart. */
    static double tickStep(double pixelsPerSecond) {
        double[] mantissas = {1, 2, 5};
        for (double decade = 0.001; decade < 1e6; decade *= 10) {
            for (double m : mantissas) {
                if (m * decade * pixelsPerSecond >= 70) {
                    return m * decade;
                }
            }
        }
        return 1e6;
    }

    private static String formatSeconds(double s, double step) {
        int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", s);
    }

    private void drawSelection(GraphicsContext gc, TokenGrid g, TokenStreamLayout l, double w) {
        TimeSpan span = selection.get();
        if (span == null) {
            return;
        }
        double x1 = Math.max(LABEL_WIDTH, l.xOf(span.start() * g.frameRate()));
        double x2 = Math.min(w, l.xOf(span.end() * g.frameRate()));
        if (x2 <= x1) {
            return;
        }
        gc.setFill(Color.rgb(255, 255, 255, 0.16));
        gc.fillRect(x1, 0, x2 - x1, l.streamsHeight());
        gc.setStroke(Color.rgb(255, 255, 255, 0.85));
        gc.setLineWidth(1);
        gc.strokeLine(Math.round(x1) + 0.5, 0, Math.round(x1) + 0.5, l.streamsHeight());
        gc.strokeLine(Math.round(x2) - 0.5, 0, Math.round(x2) - 0.5, l.streamsHeight());
    }
}
