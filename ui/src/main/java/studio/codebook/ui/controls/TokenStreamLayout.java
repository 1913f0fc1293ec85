package studio.codebook.ui.controls;

/**
 * Where things are in a {@link TokenStreamView}: a label column on the left, then K rows of
 * {@code rowHeight} pixels, each column of the grid {@code pixelsPerFrame} wide, starting at column
 * {@code firstColumn} (fractional while scrolling). Pure geometry, so hit-testing is tested without a screen.
 *
 * @param labelWidth pixels of the label column
 * @param rowHeight pixels per codebook row
 * @param pixelsPerFrame pixels per grid column (may be below 1 when zoomed out)
 * @param firstColumn the grid column at the left edge of the stream area
 * @param rows K
 * @param columns grid columns
 */
public record TokenStreamLayout(double labelWidth, double rowHeight, double pixelsPerFrame, double firstColumn,
        int rows, int columns) {

    public TokenStreamLayout {
        if (!(rowHeight > 0) || !(pixelsPerFrame > 0)) {
            throw new IllegalArgumentException("row height and pixels per frame must be positive");
        }
    }

    /** Height of the rows together. */
    public double streamsHeight() {
        return rows * rowHeight;
    }

    /** The row under y, or −1 outside the rows. */
    public int rowAt(double y) {
        if (y < 0 || y >= streamsHeight()) {
            return -1;
        }
        return Math.min(rows - 1, (int) Math.floor(y / rowHeight));
    }

    /** The (fractional) grid column under x; may lie outside the grid. */
    public double columnAt(double x) {
        return firstColumn + (x - labelWidth) / pixelsPerFrame;
    }

    /** The grid column under x, or −1 left of the streams or past the last column. */
    public int cellColumnAt(double x) {
        if (x < labelWidth) {
            return -1;
        }
        int c = (int) Math.floor(columnAt(x));
        return c >= 0 && c < columns ? c : -1;
    }

    /** x of the left edge of a grid column. */
    public double xOf(double column) {
        return labelWidth + (column - firstColumn) * pixelsPerFrame;
    }

    /** Grid columns that fit in {@code width} pixels of the whole control. */
    public double visibleColumns(double width) {
        return Math.max(0, width - labelWidth) / pixelsPerFrame;
    }

    /** The token under (x, y), or null over a label, an empty slot or outside the rows. */
    public TokenCell hit(TokenGrid grid, double x, double y) {
        int row = rowAt(y);
        int column = cellColumnAt(x);
        if (row < 0 || column < 0 || row >= grid.numRows() || column >= grid.numColumns()) {
            return null;
        }
        int frame = grid.frameAt(row, column);
        if (frame < 0) {
            return null;
        }
        return new TokenCell(row, frame, column, frame / grid.frameRate(), grid.tokenAt(row, column));
    }
}
