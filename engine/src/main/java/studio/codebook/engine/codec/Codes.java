package studio.codebook.engine.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Discrete codes of one clip: K codebooks × T frames.
 *
 * @param codes codes[k][t], each in [0, codebookSize)
 * @param codebookSize entries per codebook
 * @param frameRate frames per second
 */
public record Codes(int[][] codes, int codebookSize, double frameRate) {

    @JsonCreator
    public Codes(
            @JsonProperty("codes") int[][] codes,
            @JsonProperty("codebookSize") int codebookSize,
            @JsonProperty("frameRate") double frameRate) {
        if (codes == null || codes.length == 0) {
            throw new IllegalArgumentException("codes need at least one codebook");
        }
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebookSize must be positive, not " + codebookSize);
        }
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frameRate must be positive, not " + frameRate);
        }
        int frames = codes[0] == null ? -1 : codes[0].length;
        int[][] copy = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            if (codes[k] == null || codes[k].length != frames) {
                throw new IllegalArgumentException("codebook " + (k + 1) + " has a different number of frames");
            }
            for (int t = 0; t < frames; t++) {
                int c = codes[k][t];
                if (c < 0 || c >= codebookSize) {
                    throw new IllegalArgumentException("code " + c + " at codebook " + (k + 1) + ", frame " + t
                            + " is outside 0.." + (codebookSize - 1));
                }
            }
            copy[k] = codes[k].clone();
        }
        this.codes = copy;
        this.codebookSize = codebookSize;
        this.frameRate = frameRate;
    }

    /** K. */
    public int numCodebooks() {
        return codes.length;
    }

    /** T. */
    public int numFrames() {
        return codes[0].length;
    }

    /** Seconds covered. */
    public double durationSeconds() {
        return numFrames() / frameRate;
    }

    /** A copy of codebook k's stream (0-based). */
    public int[] stream(int k) {
        return codes[k].clone();
    }

    /** The first {@code k} codebooks only. */
    public Codes firstCodebooks(int k) {
        if (k < 1 || k > codes.length) {
            throw new IllegalArgumentException("k must be 1.." + codes.length + ", not " + k);
        }
        return new Codes(Arrays.copyOf(codes, k), codebookSize, frameRate);
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
    public boolean equals(Object o) {
        return o instanceof Codes other
                && codebookSize == other.codebookSize
                && frameRate == other.frameRate
                && Arrays.deepEquals(codes, other.codes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(codes) + Integer.hashCode(codebookSize);
    }

    @Override
    public String toString() {
        return "Codes[" + numCodebooks() + " x " + numFrames() + ", size " + codebookSize + ", " + frameRate + " fps]";
    }
}
