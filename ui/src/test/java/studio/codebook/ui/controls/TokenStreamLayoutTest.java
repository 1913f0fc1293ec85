package studio.codebook.ui.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenStreamLayoutTest {

    private static final int[][] CODES = {
        {0, 1, 2, 3, 4},
        {10, 11, 12, 13, 14},
        {20, 21, 22, 23, 24},
    };

    @Test
    void aPixelMapsToItsCodebookFrameTimeAndToken() {
        TokenGrid grid = TokenGrid.raw(CODES, 32, 50);
        // labels 40 px, rows 20 px, 10 px per frame, scrolled to column 1
        TokenStreamLayout l = new TokenStreamLayout(40, 20, 10, 1, 3, grid.numColumns());
        TokenCell cell = l.hit(grid, 40 + 25, 45);
        assertEquals(new TokenCell(2, 3, 3, 3 / 50.0, 23), cell);
        assertEquals("codebook 3, frame 3, 0.060 s, token 23", cell.describe());
        assertEquals(new TokenCell(0, 1, 1, 0.02, 1), l.hit(grid, 40, 0));
        assertNull(l.hit(grid, 39, 10), "over the labels");
        assertNull(l.hit(grid, 40 + 45, 10), "past the last frame");
        assertNull(l.hit(grid, 50, 60), "below the rows");
        assertNull(l.hit(grid, 50, -1));
    }

    @Test
    void inTheDelayLayoutColumnsMapBackToEachRowsFrame() {
        TokenGrid grid = new TokenGrid(CODES, new int[] {0, 1, 2}, 32, 50);
        assertEquals(7, grid.numColumns());
        TokenStreamLayout l = new TokenStreamLayout(40, 20, 10, 0, 3, grid.numColumns());
        // column 2: row 0 frame 2, row 1 frame 1, row 2 frame 0
        assertEquals(2, l.hit(grid, 65, 5).token());
        assertEquals(new TokenCell(1, 1, 2, 0.02, 11), l.hit(grid, 65, 25));
        assertEquals(new TokenCell(2, 0, 2, 0.0, 20), l.hit(grid, 65, 45));
        assertNull(l.hit(grid, 45, 45), "row 2 is empty before its shift");
        assertEquals(new TokenCell(2, 4, 6, 0.08, 24), l.hit(grid, 105, 45));
        assertNull(l.hit(grid, 105, 5), "row 0 ends at frame 4");
        int[][] cells = grid.cells();
        assertEquals(-1, cells[2][1]);
        assertEquals(24, cells[2][6]);
        assertEquals(-1, cells[0][5]);
    }

    @Test
    void zoomedOutSeveralFramesShareAPixel() {
        TokenGrid grid = TokenGrid.raw(new int[][] {new int[1000]}, 4, 50);
        TokenStreamLayout l = new TokenStreamLayout(40, 30, 0.25, 0, 1, 1000);
        assertEquals(400, l.hit(grid, 140.1, 10).frame());
        assertEquals(1000 * 0.25, l.xOf(1000) - 40, 1e-9);
        assertEquals(4000, l.visibleColumns(1040), 1e-9);
    }

    @Test
    void geometryInvertsColumnsAndRows() {
        TokenStreamLayout l = new TokenStreamLayout(40, 12.5, 3, 7.5, 4, 100);
        for (double c : new double[] {7.5, 10, 33.25}) {
            assertEquals(c, l.columnAt(l.xOf(c)), 1e-9);
        }
        assertEquals(3, l.rowAt(49.9));
        assertEquals(-1, l.rowAt(50));
        assertEquals(50, l.streamsHeight(), 1e-9);
    }

    @Test
    void badGridsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenGrid(new int[][] {{1, 2}, {3}}, new int[2], 4, 50));
        assertThrows(IllegalArgumentException.class, () -> new TokenGrid(CODES, new int[] {0, -1, 0}, 32, 50));
        assertThrows(IllegalArgumentException.class, () -> new TokenGrid(CODES, new int[2], 32, 50));
    }

    @Test
    void tickStepsKeepLabelsApart() {
        assertEquals(0.5, TokenStreamView.tickStep(200), 1e-12);
        assertEquals(2, TokenStreamView.tickStep(50), 1e-12);
        assertTrue(TokenStreamView.tickStep(0.5) * 0.5 >= 70);
    }

    @Test
    void neighbouringTokenIdsGetDistinctColours() {
        TokenPalette p = TokenPalette.of(1024);
        for (int id = 0; id + 1 < 1024; id++) {
            double d = Math.abs(TokenPalette.position(id) - TokenPalette.position(id + 1));
            assertTrue(d > 0.25, "ids " + id + " and " + (id + 1) + " sit " + d + " apart on the map");
            assertNotEquals(p.argb(id), p.argb(id + 1));
        }
        // none is as dark as the background
        for (int id = 0; id < 1024; id++) {
            assertTrue(p.colour(id).getBrightness() > 0.3, "token " + id + " is too dark");
        }
    }
}
