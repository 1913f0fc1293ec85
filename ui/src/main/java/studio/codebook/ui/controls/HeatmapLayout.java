package studio.codebook.ui.controls;

/**
 * Where the cells of a {@link HeatmapView} are: a grid of square cells whose top-left corner is at
 * ({@code left}, {@code top}). Pure geometry, so cell lookup is tested without a screen.
 *
 * @param left x of the first column
 * @param top y of the first row
 * @param cellSize pixels per cell (cells are square)
 * @param rows rows of the matrix
 * @param columns columns of the matrix
 */
public record HeatmapLayout(double left, double top, double cellSize, int rows, int columns) {

    /** Room for row labels on the left and column labels above. */
    public static final double LABEL_SPACE = 34;
    /** Room for the colour legend on the right. */
    public static final double LEGEND_SPACE = 74;

    /**
     * The largest square cells that fit a control of the given size with labels and legend, the grid
     * centred in the space left.
     */
    public static HeatmapLayout fit(double width, double height, int rows, int columns) {
        double availableW = Math.max(0, width - LABEL_SPACE - LEGEND_SPACE - 8);
        double availableH = Math.max(0, height - LABEL_SPACE - 8);
        double size = rows == 0 || columns == 0 ? 0 : Math.floor(Math.min(availableW / columns, availableH / rows));
        double left = LABEL_SPACE + Math.floor((availableW - size * columns) / 2);
        double top = LABEL_SPACE;
        return new HeatmapLayout(left, top, Math.max(0, size), rows, columns);
    }

    /** The row and column under (x, y), or null outside the grid; value is left NaN for the caller to fill. */
    public int[] cellAt(double x, double y) {
        if (cellSize <= 0 || x < left || y < top) {
            return null;
        }
        int column = (int) Math.floor((x - left) / cellSize);
        int row = (int) Math.floor((y - top) / cellSize);
        return row < rows && column < columns ? new int[] {row, column} : null;
    }

    public double width() {
        return cellSize * columns;
    }

    public double height() {
        return cellSize * rows;
    }

    /** x of the right edge of the grid. */
    public double right() {
        return left + width();
    }
}
