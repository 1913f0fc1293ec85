package studio.codebook.ui.controls;

/**
 * One cell of a {@link HeatmapView}.
 *
 * @param row 0-based row
 * @param column 0-based column
 * @param value the value drawn there
 */
public record HeatmapCell(int row, int column, double value) {
}
