package studio.codebook.engine.stats;

/**
 * Which frames of two (or all) codebooks are paired when measuring dependence.
 *
 * <p>Codebooks are numbered 0..K−1 in the API and z¹..zᴷ in text. A {@link Kind#FRAME_OFFSET} of d
 * pairs z^k_t with z^l_{t+d} for every pair of codebooks (d may be negative; 0 is the same frame).
 * {@link Kind#DELAY_PATTERN} pairs the codes that the delay-pattern LM emits together at one step,
 * z^k_{t−k+1} with z^l_{t−l+1} (1-based k), i.e. z^k_t with z^l_{t+k−l}.
 *
 * @param kind frame offset or delay pattern
 * @param frameOffset d for {@link Kind#FRAME_OFFSET}; 0 for {@link Kind#DELAY_PATTERN}
 */
public record Alignment(Kind kind, int frameOffset) {

    /** How frames are paired. */
    public enum Kind {
        /** z^k_t with z^l_{t+d}. */
        FRAME_OFFSET,
        /** z^k_{t−k+1} with z^l_{t−l+1}: the codes emitted together under the delay pattern. */
        DELAY_PATTERN
    }

    public Alignment {
        if (kind == null) {
            throw new IllegalArgumentException("alignment kind is missing");
        }
        if (kind == Kind.DELAY_PATTERN && frameOffset != 0) {
            throw new IllegalArgumentException("the delay-pattern alignment takes no frame offset, not " + frameOffset);
        }
    }

    /** z^k_t with z^l_t. */
    public static Alignment sameFrame() {
        return new Alignment(Kind.FRAME_OFFSET, 0);
    }

    /** z^k_t with z^l_{t+d}. */
    public static Alignment frameOffset(int d) {
        return new Alignment(Kind.FRAME_OFFSET, d);
    }

    /** The codes emitted together by the delay-pattern LM. */
    public static Alignment delayPattern() {
        return new Alignment(Kind.DELAY_PATTERN, 0);
    }

    /** s such that z^k_t is paired with z^l_{t+s} (k, l 0-based). */
    public int shift(int k, int l) {
        return kind == Kind.DELAY_PATTERN ? k - l : frameOffset;
    }

    /**
     * Whether a K-tuple of codes (for total correlation) is defined: the same frame, or the delay
     * pattern. A constant non-zero offset between every pair of K ≥ 3 codebooks is contradictory.
     */
    public boolean definesTuples() {
        return kind == Kind.DELAY_PATTERN || frameOffset == 0;
    }

    /** s_k such that the tuple at step t is (z^k_{t+s_k}) for k = 0..K−1. */
    public int tupleShift(int k) {
        if (!definesTuples()) {
            throw new IllegalArgumentException("total correlation needs the same frame or the delay pattern, not "
                    + describe());
        }
        return kind == Kind.DELAY_PATTERN ? -k : 0;
    }

    /** A short description for reports, e.g. "frame offset +3" or "delay pattern". */
    public String describe() {
        if (kind == Kind.DELAY_PATTERN) {
            return "delay pattern (z^k[t-k+1] with z^l[t-l+1])";
        }
        return frameOffset == 0 ? "same frame" : String.format("frame offset %+d (z^k[t] with z^l[t%+d])", frameOffset, frameOffset);
    }
}
