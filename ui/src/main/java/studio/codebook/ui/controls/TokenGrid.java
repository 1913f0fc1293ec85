package studio.codebook.ui.controls;

import java.util.Arrays;

/**
 * What a {@link TokenStreamView} draws: the codes of one clip, K codebooks × T frames, and where each
 * codebook's row starts. Frame t of codebook k is drawn in column {@code t + rowShift[k]}; with all shifts
 * 0 that is the raw layout, with shift k the delay layout (the view model takes the shifts from the
 * delay pattern). Columns before a row's first frame or after its last are empty.
 *
 * @param codes codes[k][t], ids in [0, codebookSize)
 * @param rowShift the column of frame 0 in each row, ≥ 0
 * @param codebookSize V
 * @param frameRate frames per second
 */
public record TokenGrid(int[][] codes, int[] rowShift, int codebookSize, double frameRate) {

    public TokenGrid {
        if (codes == null || codes.length == 0) {
            throw new IllegalArgumentException("a token grid needs at least one codebook");
        }
        if (rowShift == null || rowShift.length != codes.length) {
            throw new IllegalArgumentException("need one row shift per codebook");
        }
        if (codebookSize < 1 || !(frameRate > 0)) {
            throw new IllegalArgumentException("codebook size and frame rate must be positive");
        }
        int frames = codes[0].length;
        int[][] copy = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            if (codes[k].length != frames) {
                throw new IllegalArgumentException("codebook " + (k + 1) + " has a different number of frames");
            }
            if (rowShift[k] < 0) {
                throw new IllegalArgumentException("row shifts must be ≥ 0");
            }
            copy[k] = codes[k].clone();
        }
        codes = copy;
        rowShift = rowShift.clone();
    }

    /** The raw layout: frame t of every codebook in column t. */
    public static TokenGrid raw(int[][] codes, int codebookSize, double frameRate) {
        return new TokenGrid(codes, new int[codes.length], codebookSize, frameRate);
    }

    /** K. */
    public int numRows() {
        return codes.length;
    }

    /** T. */
    public int numFrames() {
        return codes[0].length;
    }

    /** T plus the largest shift: the columns the widest row reaches. */
    public int numColumns() {
        return numFrames() + Arrays.stream(rowShift).max().orElse(0);
    }

    /** Whether any row is shifted. */
    public boolean shifted() {
        return Arrays.stream(rowShift).anyMatch(s -> s != 0);
    }

    /** The frame of row {@code row} drawn in {@code column}, or −1 for an empty slot. */
    public int frameAt(int row, int column) {
        int t = column - rowShift[row];
        return t >= 0 && t < numFrames() ? t : -1;
    }

    /** The token id in (row, column), or −1 for an empty slot. */
    public int tokenAt(int row, int column) {
        int t = frameAt(row, column);
        return t < 0 ? -1 : codes[row][t];
    }

    /** Seconds at the start of a column, on the time axis of an unshifted row. */
    public double secondsAt(double column) {
        return column / frameRate;
    }

    /** The grid as drawn: numRows × numColumns ids, −1 in empty slots. */
    public int[][] cells() {
        int[][] cells = new int[numRows()][numColumns()];
        for (int k = 0; k < cells.length; k++) {
            for (int c = 0; c < cells[k].length; c++) {
                cells[k][c] = tokenAt(k, c);
            }
        }
        return cells;
    }

    @Override
    public int[][] codes() {
        int[][] copy = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            copy[k] = codes[k].clone();
        }
        return copy;
    }

    @Override
    public int[] rowShift() {
        return rowShift.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenGrid g && codebookSize == g.codebookSize && frameRate == g.frameRate
                && Arrays.equals(rowShift, g.rowShift) && Arrays.deepEquals(codes, g.codes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(codes) + Arrays.hashCode(rowShift);
    }

    @Override
    public String toString() {
        return "TokenGrid[" + numRows() + " x " + numFrames() + (shifted() ? ", shifted" : "") + "]";
    }
}
