package studio.codebook.training.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import studio.codebook.engine.io.AtomicWrite;

/**
 * Line and grouped-bar charts drawn with Java2D (headless) into PNG files: the figures of docs/results.md
 * are made with this, from the runs' metrics and the evaluation reports. No chart library, no display.
 */
public final class ChartImage {

    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final int LEFT = 80;
    private static final int RIGHT = 24;
    private static final int TOP = 48;
    private static final int BOTTOM = 64;

    private ChartImage() {
    }

    /** Lines over a shared x axis; {@code logY} draws y on a log scale (non-positive values become gaps). */
    public static BufferedImage lines(String title, String xLabel, String yLabel, List<Series> series, boolean logY,
            int width, int height) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double y = s.y()[i];
                if (!Double.isFinite(y) || (logY && y <= 0)) {
                    continue;
                }
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (xMin > xMax) {
            throw new IllegalArgumentException(title + ": no finite points to draw");
        }
        Axis xAxis = Axis.of(xMin, xMax, false);
        Axis yAxis = Axis.of(yMin, yMax, logY);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(image, title, xLabel, yLabel);
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        grid(g, xAxis, yAxis, width, height);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(PALETTE[k % PALETTE.length]);
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < s.x().length; i++) {
                double y = s.y()[i];
                if (!Double.isFinite(y) || (logY && y <= 0)) {
                    pen = false;
                    continue;
                }
                double px = LEFT + xAxis.fraction(s.x()[i]) * pw;
                double py = TOP + (1 - yAxis.fraction(y)) * ph;
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
            }
            g.draw(path);
        }
        legend(g, series.stream().map(Series::name).toList(), width);
        g.dispose();
        return image;
    }

    /**
     * Grouped bars: one group per category, one bar per series within it ({@code values[series][category]},
     * NaN = missing), with the value printed above each bar.
     */
    public static BufferedImage bars(String title, String yLabel, List<String> categories, List<String> seriesNames,
            double[][] values, int width, int height) {
        double yMin = 0;
        double yMax = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        Axis yAxis = Axis.of(yMin, yMax * 1.1, false);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(image, title, "", yLabel);
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        grid(g, null, yAxis, width, height);
        double groupWidth = (double) pw / categories.size();
        double barWidth = groupWidth * 0.8 / Math.max(1, seriesNames.size());
        double zeroY = TOP + (1 - yAxis.fraction(0)) * ph;
        g.setFont(g.getFont().deriveFont(11f));
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < categories.size(); c++) {
            double x0 = LEFT + c * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < seriesNames.size(); s++) {
                double v = values[s][c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double y = TOP + (1 - yAxis.fraction(v)) * ph;
                int bx = (int) Math.round(x0 + s * barWidth);
                int top = (int) Math.round(Math.min(y, zeroY));
                int h = (int) Math.round(Math.abs(zeroY - y));
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(bx, top, Math.max(1, (int) barWidth - 2), Math.max(1, h));
                g.setColor(Color.DARK_GRAY);
                String text = Axis.label(v);
                g.drawString(text, bx + (int) (barWidth - 2 - fm.stringWidth(text)) / 2, top - 3);
            }
            g.setColor(Color.BLACK);
            String name = categories.get(c);
            g.drawString(name, (int) (LEFT + c * groupWidth + (groupWidth - fm.stringWidth(name)) / 2),
                    height - BOTTOM + 18);
        }
        legend(g, seriesNames, width);
        g.dispose();
        return image;
    }

    /** Writes the image as PNG, atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        AtomicWrite.write(file, bytes.toByteArray());
    }

    private static Graphics2D frame(BufferedImage image, String title, String xLabel, String yLabel) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(xLabel, LEFT + (image.getWidth() - LEFT - RIGHT - fm.stringWidth(xLabel)) / 2,
                image.getHeight() - 14);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(TOP + (image.getHeight() - TOP - BOTTOM + fm.stringWidth(yLabel)) / 2), 18);
        r.dispose();
        return g;
    }

    private static void grid(Graphics2D g, Axis xAxis, Axis yAxis, int width, int height) {
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double t : yAxis.ticks()) {
            int y = (int) Math.round(TOP + (1 - yAxis.fraction(t)) * ph);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setColor(Color.DARK_GRAY);
            String s = Axis.label(t);
            g.drawString(s, LEFT - 6 - fm.stringWidth(s), y + 4);
        }
        if (xAxis != null) {
            for (double t : xAxis.ticks()) {
                int x = (int) Math.round(LEFT + xAxis.fraction(t) * pw);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(x, TOP, x, TOP + ph);
                g.setColor(Color.DARK_GRAY);
                String s = Axis.label(t);
                g.drawString(s, x - fm.stringWidth(s) / 2, TOP + ph + 16);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, pw, ph);
    }

    private static void legend(Graphics2D g, List<String> names, int width) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int x = width - RIGHT - 8;
        int widest = names.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int left = x - widest - 26;
        int y = TOP + 8;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(left - 6, y - 4, widest + 38, names.size() * 18 + 6);
        for (int i = 0; i < names.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(left, y + i * 18 + 4, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), left + 24, y + i * 18 + 11);
        }
    }
}
