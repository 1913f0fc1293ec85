package studio.codebook.ui.controls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class HeatmapLayoutTest {

    @Test
    void cellsAreFoundByPixel() {
        HeatmapLayout l = new HeatmapLayout(34, 34, 50, 4, 4);
        assertArrayEquals(new int[] {0, 0}, l.cellAt(34, 34));
        assertArrayEquals(new int[] {1, 2}, l.cellAt(34 + 2 * 50 + 49.9, 34 + 50));
        assertArrayEquals(new int[] {3, 3}, l.cellAt(233.9, 233.9));
        assertNull(l.cellAt(234, 100), "right of the grid");
        assertNull(l.cellAt(33.9, 100), "on the labels");
        assertNull(l.cellAt(100, 234), "below the grid");
    }

    @Test
    void theGridFitsTheControlWithSquareCellsForLargeK() {
        for (int k : new int[] {1, 4, 8, 16, 32}) {
            HeatmapLayout l = HeatmapLayout.fit(420, 380, k, k);
            assertTrue(l.cellSize() >= 1, "K = " + k);
            assertTrue(l.right() + HeatmapLayout.LEGEND_SPACE <= 420 + 1e-9, "legend fits for K = " + k);
            assertTrue(l.top() + l.height() <= 380, "rows fit for K = " + k);
            // the last cell is reachable
            assertArrayEquals(new int[] {k - 1, k - 1}, l.cellAt(l.right() - 0.5, l.top() + l.height() - 0.5));
        }
        assertEquals(0, HeatmapLayout.fit(420, 380, 0, 0).cellSize());
    }

    @Test
    void rangesCoverTheValuesAndCentreZeroWhenSymmetric() {
        double[][] a = {{0.5, 2}, {1, 3}};
        double[][] b = {{-1, 0}, {Double.NaN, 2}};
        HeatmapRange r = HeatmapRange.covering(a, b);
        assertEquals(-1, r.min());
        assertEquals(3, r.max());
        HeatmapRange s = HeatmapRange.symmetric(b);
        assertEquals(-2, s.min());
        assertEquals(2, s.max());
        assertEquals(0.5, s.position(0), 1e-12);
        assertEquals(1, r.position(99), 1e-12);
        assertEquals(new HeatmapRange(0, 1), HeatmapRange.covering((double[][]) null));
    }

    @Test
    void coloursRiseInLightnessAndTextStaysReadable() {
        double last = -1;
        for (int i = 0; i <= 20; i++) {
            Color c = ColourScale.VIRIDIS.colour(i / 20.0);
            double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertTrue(luminance > last - 0.01, "viridis darkens at " + i);
            last = luminance;
        }
        assertEquals(Color.rgb(240, 240, 245), ColourScale.textOn(ColourScale.VIRIDIS.colour(0)));
        assertEquals(Color.rgb(16, 16, 20), ColourScale.textOn(ColourScale.VIRIDIS.colour(1)));
        Color mid = ColourScale.DIVERGING.colour(0.5);
        assertTrue(mid.getBrightness() < 0.3, "zero is dark on the diverging scale");
        assertTrue(ColourScale.DIVERGING.colour(0).getBlue() > ColourScale.DIVERGING.colour(0).getRed());
        assertTrue(ColourScale.DIVERGING.colour(1).getRed() > ColourScale.DIVERGING.colour(1).getBlue());
    }

    @Test
    void valuesArePrintedToFitTheCell() {
        assertEquals("0.12", HeatmapView.format(0.1234, 60));
        assertEquals("0.1", HeatmapView.format(0.1234, 25));
        assertEquals("12.3", HeatmapView.format(12.34, 60));
        assertEquals("−0.50", HeatmapView.format(-0.5, 60));
        assertEquals("0.00", HeatmapView.format(-0.001, 60));
    }
}
