package studio.codebook.ui.controls;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * A matrix as a grid of coloured cells with the values printed in them (when the cells are large enough),
 * row and column labels, and a colour legend with its min and max. Hovering highlights the cell's row and
 * column and shows a tooltip. Works for any size; from about 20 × 20 on, the values give way to colour.
 */
public class HeatmapView extends CanvasRegion {

    private static final Color BACKGROUND = Color.web("#1e1f26");
    private static final Color LABEL = Color.web("#a9aab8");
    private static final Color LABEL_HOVER = Color.web("#ffffff");
    private static final Color HINT = Color.web("#7d7f90");

    private final Tooltip tooltip = new Tooltip();

    private final ObjectProperty<double[][]> values = new SimpleObjectProperty<>(this, "values");
    private final ObjectProperty<ColourScale> colourScale = new SimpleObjectProperty<>(this, "colourScale",
            ColourScale.VIRIDIS);
    private final ObjectProperty<HeatmapRange> range = new SimpleObjectProperty<>(this, "range");
    private final ObjectProperty<List<String>> labels = new SimpleObjectProperty<>(this, "labels");
    private final StringProperty unit = new SimpleStringProperty(this, "unit", "bits");
    private final StringProperty placeholder = new SimpleStringProperty(this, "placeholder", "");
    private final ObjectProperty<BiFunction<Integer, Integer, String>> cellNote = new SimpleObjectProperty<>(this,
            "cellNote");
    private final ReadOnlyObjectWrapper<HeatmapCell> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");

    public HeatmapView() {
        super(BACKGROUND);
        getStyleClass().add("heatmap");
        setMinSize(120, 120);
        setPrefSize(420, 380);
        tooltip.setShowDelay(Duration.millis(120));
        for (Observable o : new Observable[] {values, colourScale, range, labels, unit, placeholder}) {
            o.addListener(x -> redraw());
        }
        values.addListener((obs, o, n) -> hovered.set(null));
        hovered.addListener((obs, o, cell) -> {
            if (cell == null) {
                Tooltip.uninstall(canvas(), tooltip);
            } else {
                tooltip.setText(describe(cell));
                Tooltip.install(canvas(), tooltip);
            }
            redraw();
        });
        canvas().addEventHandler(MouseEvent.MOUSE_MOVED, e -> hovered.set(cellAt(e.getX(), e.getY())));
        canvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> hovered.set(null));
    }

    /** The matrix, rows × columns; null shows the placeholder. */
    public ObjectProperty<double[][]> valuesProperty() {
        return values;
    }

    public void setValues(double[][] v) {
        values.set(v);
    }

    public double[][] getValues() {
        return values.get();
    }

    public ObjectProperty<ColourScale> colourScaleProperty() {
        return colourScale;
    }

    /** The values the colour scale spans; null: from the matrix's own min to max. */
    public ObjectProperty<HeatmapRange> rangeProperty() {
        return range;
    }

    /** Row and column labels; null: z1 … zK. */
    public ObjectProperty<List<String>> labelsProperty() {
        return labels;
    }

    public StringProperty unitProperty() {
        return unit;
    }

    /** Shown when there are no values. */
    public StringProperty placeholderProperty() {
        return placeholder;
    }

    /** Extra tooltip lines for a cell (row, column), e.g. the pairs counted; may return null. */
    public ObjectProperty<BiFunction<Integer, Integer, String>> cellNoteProperty() {
        return cellNote;
    }

    /** The cell under the pointer, or null. */
    public ReadOnlyObjectProperty<HeatmapCell> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    /** The range in effect: the one set, or the matrix's min..max. */
    public HeatmapRange effectiveRange() {
        return range.get() != null ? range.get() : HeatmapRange.covering(values.get());
    }

    /** The geometry at the current size. */
    public HeatmapLayout geometry() {
        double[][] v = values.get();
        int rows = v == null ? 0 : v.length;
        int columns = v == null || v.length == 0 ? 0 : v[0].length;
        return HeatmapLayout.fit(canvas().getWidth(), canvas().getHeight(), rows, columns);
    }

    /** The cell at a point of the control, with its value, or null. */
    public HeatmapCell cellAt(double x, double y) {
        double[][] v = values.get();
        int[] rc = v == null ? null : geometry().cellAt(x, y);
        return rc == null ? null : new HeatmapCell(rc[0], rc[1], v[rc[0]][rc[1]]);
    }

    /** The colour a value gets under the current scale and range. */
    public Color colourOf(double value) {
        return colourScale.get().colour(effectiveRange().position(value));
    }

    private String label(int i) {
        List<String> l = labels.get();
        return l != null && i < l.size() ? l.get(i) : "z" + (i + 1);
    }

    private String describe(HeatmapCell cell) {
        String text = String.format(Locale.ROOT, "%s × %s: %.4f %s", label(cell.row()), label(cell.column()),
                cell.value(), unit.get());
        BiFunction<Integer, Integer, String> note = cellNote.get();
        String extra = note == null ? null : note.apply(cell.row(), cell.column());
        return extra == null || extra.isEmpty() ? text : text + "\n" + extra;
    }

    @Override
    protected void paint(GraphicsContext gc, double w, double h) {
        double[][] v = values.get();
        HeatmapLayout l = geometry();
        if (v == null || v.length == 0 || l.cellSize() < 2) {
            gc.setFill(HINT);
            gc.setFont(Font.font(13));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(placeholder.get() == null ? "" : placeholder.get(), w / 2, h / 2, Math.max(10, w - 20));
            return;
        }
        HeatmapRange r = effectiveRange();
        ColourScale scale = colourScale.get();
        HeatmapCell hover = hovered.get();
        double size = l.cellSize();
        boolean printValues = size >= 22;
        double fontSize = Math.max(8, Math.min(14, size * 0.28));
        gc.setFont(Font.font(fontSize));
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < l.rows(); i++) {
            for (int j = 0; j < l.columns(); j++) {
                double value = v[i][j];
                Color c = Double.isFinite(value) ? scale.colour(r.position(value)) : Color.web("#2a2b33");
                double x = l.left() + j * size;
                double y = l.top() + i * size;
                gc.setFill(c);
                gc.fillRect(x, y, size - (size >= 10 ? 1 : 0), size - (size >= 10 ? 1 : 0));
                if (printValues && Double.isFinite(value)) {
                    gc.setFill(ColourScale.textOn(c));
                    gc.fillText(format(value, size), x + size / 2, y + size / 2, size - 4);
                }
            }
        }
        if (hover != null) {
            gc.setStroke(Color.rgb(255, 255, 255, 0.35));
            gc.setLineWidth(1);
            gc.strokeRect(l.left() + 0.5, l.top() + hover.row() * size + 0.5, l.width() - 1, size - 1);
            gc.strokeRect(l.left() + hover.column() * size + 0.5, l.top() + 0.5, size - 1, l.height() - 1);
            gc.setStroke(Color.WHITE);
            gc.setLineWidth(2);
            gc.strokeRect(l.left() + hover.column() * size + 1, l.top() + hover.row() * size + 1, size - 3, size - 3);
        }
        drawLabels(gc, l, hover);
        drawLegend(gc, l, r, scale, h);
    }

    private void drawLabels(GraphicsContext gc, HeatmapLayout l, HeatmapCell hover) {
        double size = l.cellSize();
        int every = size >= 14 ? 1 : (int) Math.ceil(14 / Math.max(1, size));
        gc.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < Math.max(l.rows(), l.columns()); i += every) {
            if (i < l.rows()) {
                boolean on = hover != null && hover.row() == i;
                gc.setFont(Font.font(null, on ? FontWeight.BOLD : FontWeight.NORMAL, 11));
                gc.setFill(on ? LABEL_HOVER : LABEL);
                gc.setTextAlign(TextAlignment.RIGHT);
                gc.fillText(label(i), l.left() - 6, l.top() + (i + 0.5) * size);
            }
            if (i < l.columns()) {
                boolean on = hover != null && hover.column() == i;
                gc.setFont(Font.font(null, on ? FontWeight.BOLD : FontWeight.NORMAL, 11));
                gc.setFill(on ? LABEL_HOVER : LABEL);
                gc.setTextAlign(TextAlignment.CENTER);
                gc.fillText(label(i), l.left() + (i + 0.5) * size, l.top() - 12);
            }
        }
    }

    private void drawLegend(GraphicsContext gc, HeatmapLayout l, HeatmapRange r, ColourScale scale, double h) {
        double x = l.right() + 16;
        double top = l.top();
        double height = Math.max(20, l.height());
        double barWidth = 12;
        int steps = (int) Math.max(2, height);
        for (int s = 0; s < steps; s++) {
            double t = 1 - (double) s / (steps - 1);
            gc.setFill(scale.colour(t));
            gc.fillRect(x, top + s * height / steps, barWidth, height / steps + 1);
        }
        gc.setStroke(Color.rgb(255, 255, 255, 0.25));
        gc.setLineWidth(1);
        gc.strokeRect(x + 0.5, top + 0.5, barWidth - 1, height - 1);
        gc.setFill(LABEL);
        gc.setFont(Font.font(10));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(format(r.max(), 60), x + barWidth + 4, top);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText(format(r.min(), 60), x + barWidth + 4, top + height);
        if (r.min() < 0 && r.max() > 0) {
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText("0", x + barWidth + 4, top + height * r.max() / (r.max() - r.min()));
        }
        gc.setTextBaseline(VPos.TOP);
        gc.setFill(HINT);
        gc.fillText(unit.get() == null ? "" : unit.get(), x, Math.min(h - 14, top + height + 4));
    }

    /** Two decimals, one for large values or small cells; "−" for negative values. */
    static String format(double value, double cellSize) {
        double a = Math.abs(value);
        String s = a >= 100 || (cellSize < 34 && a >= 10) ? String.format(Locale.ROOT, "%.0f", value)
                : a >= 10 || cellSize < 34 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        if (s.equals("-0") || s.equals("-0.0") || s.equals("-0.00")) {
            s = s.substring(1);
        }
        return s.replace('-', '−');
    }
}
