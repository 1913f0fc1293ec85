package studio.codebook.ui.inspect;

import java.util.Arrays;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import studio.codebook.engine.stats.CodebookStatistics;
import studio.codebook.ui.controls.CanvasRegion;
import studio.codebook.ui.controls.TokenPalette;

/**
 * How one codebook is used: a bar per token, either sorted by count (the rank-frequency curve: flat means
 * every entry is used evenly, a cliff means a few entries do all the work) or in id order, each bar in its
 * token's colour, above a line with entropy, perplexity and the share of entries used.
 */
public final class CodebookUsageChart extends CanvasRegion {

    private static final double HEADER = 34;
    private static final Color BACKGROUND = Color.web("#23242c");
    private static final Color TEXT = Color.web("#d6d7e2");
    private static final Color HINT = Color.web("#8c8ea0");

    private final Tooltip tooltip = new Tooltip();
    private final ObjectProperty<CodebookStatistics> statistics = new SimpleObjectProperty<>(this, "statistics");
    private final BooleanProperty sortedByCount = new SimpleBooleanProperty(this, "sortedByCount", true);
    private TokenPalette palette;

    public CodebookUsageChart() {
        super(BACKGROUND);
        getStyleClass().add("codebook-usage");
        setMinSize(160, 90);
        setPrefSize(260, 120);
        tooltip.setShowDelay(Duration.millis(120));
        statistics.addListener((obs, o, s) -> {
            palette = s == null ? null : TokenPalette.of(s.codebookSize());
            redraw();
        });
        sortedByCount.addListener((obs, o, n) -> redraw());
        canvas().addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            String text = describeAt(e.getX(), e.getY());
            if (text == null) {
                Tooltip.uninstall(canvas(), tooltip);
            } else {
                tooltip.setText(text);
                Tooltip.install(canvas(), tooltip);
            }
        });
    }

    public ObjectProperty<CodebookStatistics> statisticsProperty() {
        return statistics;
    }

    /** True: bars sorted by count, most used first; false: bars in id order. */
    public BooleanProperty sortedByCountProperty() {
        return sortedByCount;
    }

    /** Entropy, perplexity and usage in one line. */
    static String summary(CodebookStatistics s) {
        return String.format(Locale.ROOT, "H %.2f bits · perplexity %.1f · %d/%d used (%.0f%%)", s.entropyBits(),
                s.perplexity(), s.usedEntries(), s.codebookSize(), 100 * s.usage());
    }

    /** Token ids in the order the bars are drawn. */
    static int[] order(long[] counts, boolean byCount) {
        Integer[] ids = new Integer[counts.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        if (byCount) {
            Arrays.sort(ids, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : a - b);
        }
        return Arrays.stream(ids).mapToInt(Integer::intValue).toArray();
    }

    private String describeAt(double x, double y) {
        CodebookStatistics s = statistics.get();
        if (s == null || y < HEADER || x < 0 || x >= canvas().getWidth()) {
            return null;
        }
        int[] ids = order(s.counts(), sortedByCount.get());
        int bar = (int) Math.floor(x / (canvas().getWidth() / ids.length));
        if (bar < 0 || bar >= ids.length) {
            return null;
        }
        int id = ids[bar];
        return String.format(Locale.ROOT, "token %d: %d of %d frames (%.1f%%)%s", id, s.count(id), s.frames(),
                s.frames() == 0 ? 0.0 : 100.0 * s.count(id) / s.frames(),
                sortedByCount.get() ? ", rank " + (bar + 1) : "");
    }

    @Override
    protected void paint(GraphicsContext gc, double w, double h) {
        CodebookStatistics s = statistics.get();
        if (s == null) {
            return;
        }
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.setFill(TEXT);
        gc.setFont(Font.font(12));
        gc.fillText("z" + (s.codebook() + 1), 6, 4);
        gc.setFill(HINT);
        gc.setFont(Font.font(10.5));
        gc.fillText(summary(s), 6, 19, w - 10);
        long[] counts = s.counts();
        long max = Arrays.stream(counts).max().orElse(0);
        if (max == 0 || h <= HEADER + 4) {
            return;
        }
        int[] ids = order(counts, sortedByCount.get());
        double barWidth = w / ids.length;
        double base = h - 3;
        double height = base - HEADER - 2;
        for (int i = 0; i < ids.length; i++) {
            long c = counts[ids[i]];
            if (c == 0) {
                continue;
            }
            double bh = Math.max(1, height * c / max);
            gc.setFill(palette.colour(ids[i]));
            gc.fillRect(i * barWidth, base - bh, Math.max(1, barWidth - (barWidth >= 4 ? 1 : 0)), bh);
        }
        gc.setStroke(Color.rgb(255, 255, 255, 0.2));
        gc.setLineWidth(1);
        gc.strokeLine(0, base + 0.5, w, base + 0.5);
    }
}
