package studio.codebook.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartImageTest {

    @TempDir
    Path dir;

    @Test
    void drawsEachSeriesInItsColourAndWritesAReadablePng() throws IOException {
        Series up = new Series("up", new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3});
        Series flat = new Series("flat", new double[] {0, 3}, new double[] {1.5, 1.5});
        BufferedImage image = ChartImage.lines("t", "step", "loss", List.of(up, flat), false, 400, 300);
        assertTrue(countColour(image, ChartImage.PALETTE[0].getRGB()) > 100, "the first series is drawn");
        assertTrue(countColour(image, ChartImage.PALETTE[1].getRGB()) > 100, "the second series is drawn");
        Path png = dir.resolve("a.png");
        ChartImage.writePng(image, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(400, back.getWidth());
        assertEquals(300, back.getHeight());
    }

    @Test
    void barsHaveHeightsProportionalToTheirValues() {
        BufferedImage image = ChartImage.bars("tc", "bits", List.of("a", "b"), List.of("s"), new double[][] {{1, 3}},
                400, 300);
        int[] heights = new int[2];
        int rgb = ChartImage.PALETTE[0].getRGB();
        for (int x = 0; x < image.getWidth(); x++) {
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) == rgb) {
                    n++;
                }
            }
            if (n > 0) {
                heights[x < image.getWidth() / 2 + 28 ? 0 : 1] = Math.max(heights[x < image.getWidth() / 2 + 28 ? 0 : 1], n);
            }
        }
        assertNotEquals(0, heights[0]);
        assertEquals(3.0, (double) heights[1] / heights[0], 0.1);
    }

    @Test
    void readsACurveFromMetricsKeepingTheLastRecordOfAStepAndSkippingACutLine() throws IOException {
        Path metrics = dir.resolve("metrics.jsonl");
        Files.writeString(metrics, """
                {"type":"step","step":1,"loss":3.0}
                {"type":"step","step":2,"loss":2.0}
                {"type":"validation","step":2,"metrics":{"loss":2.5}}
                {"type":"step","step":2,"loss":1.5}
                {"type":"step","step":3,"lo""");
        Series s = MetricsCurves.read(metrics, "step", "loss", "run");
        assertEquals(2, s.x().length);
        assertEquals(1.5, s.y()[1]);
        assertEquals(2.5, MetricsCurves.read(metrics, "validation", "loss", "v").y()[0]);
        assertThrows(IOException.class, () -> MetricsCurves.read(metrics, "step", "mmd", "run"));
        assertThrows(IllegalArgumentException.class,
                () -> ChartImage.lines("t", "x", "y", List.of(new Series("nan", new double[] {0}, new double[] {Double.NaN})),
                        false, 200, 100));
    }

    @Test
    void smoothingAveragesNeighboursAndSkipsGaps() {
        Series s = new Series("s", new double[] {0, 1, 2}, new double[] {1, Double.NaN, 3}).smoothed(3);
        assertEquals(1.0, s.y()[0]);
        assertEquals(2.0, s.y()[1]);
        assertEquals(3.0, s.y()[2]);
    }

    private static int countColour(BufferedImage image, int rgb) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
