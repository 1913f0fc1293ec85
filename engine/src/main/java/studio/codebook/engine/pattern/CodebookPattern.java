package studio.codebook.engine.pattern;

import java.util.Locale;

/**
 * Lays out K codebooks × T frames of codes as a sequence of S steps × K slots for a language model
 * that emits K tokens per step (audiocraft's {@code CodebooksPatternProvider}).
 *
 * <p>Every implementation places code (t, q) — frame t, codebook q, both 0-based — at exactly one
 * step {@link #stepOf(int, int)}; every other slot is empty and holds the special token
 * {@code cardinality}. Step 0 is always empty (the BOS). Arrays are {@code int[K][T]} for codes and
 * {@code int[K][S]} for sequences.
 */
public interface CodebookPattern {

    /** The name stored in {@code model.json}: "parallel", "delay" or "flatten". */
    String name();

    /** K, the number of codebooks. */
    int numCodebooks();

    /** S, the steps of a sequence holding {@code frames} frames (BOS included). */
    int steps(int frames);

    /**
     * The frames fully covered by a sequence of {@code steps} steps: the largest T with
     * {@code steps(T) ≤ steps} (0 when even one frame does not fit). Generation uses it to size a run.
     */
    int frames(int steps);

    /** The step at which code (frame, codebook) sits; always ≥ 1. */
    int stepOf(int frame, int codebook);

    /**
     * Which frame's code of {@code codebook} sits at {@code step} in an unbounded run, or −1 if that
     * slot is empty (the special token). In a sequence of T frames the slot is also empty when the
     * result is ≥ T: use {@link #frameAt(int, int, int)} there.
     */
    int frameAt(int step, int codebook);

    /**
     * How many leading frames have all K codes known once steps {@code 0 … stepsFilled−1} are filled;
     * frames complete in order, so streaming can decode them as they come. Unbounded: clamp to T.
     */
    int completeFrames(int stepsFilled);

    /** The pattern by name ("parallel" | "delay" | "flatten", case-insensitive) for K codebooks. */
    static CodebookPattern of(String name, int codebooks) {
        if (name == null) {
            throw new IllegalArgumentException("codebook pattern name is missing; use parallel, delay or flatten");
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case ParallelPattern.NAME:
                return new ParallelPattern(codebooks);
            case DelayPattern.NAME:
                return new DelayPattern(codebooks);
            case FlattenPattern.NAME:
                return new FlattenPattern(codebooks);
            default:
                throw new IllegalArgumentException(
                        "unknown codebook pattern '" + name + "'; use parallel, delay or flatten");
        }
    }

    /** Like {@link #frameAt(int, int)} but −1 also for slots past the last of {@code frames} frames. */
    default int frameAt(int step, int codebook, int frames) {
        int t = frameAt(step, codebook);
        return t >= frames ? -1 : t;
    }

    /** [K][S] for T = {@code frames}: true where a real code sits (exactly K·T entries), for the loss. */
    default boolean[][] validMask(int frames) {
        requireFrames(frames);
        int k = numCodebooks();
        boolean[][] mask = new boolean[k][steps(frames)];
        for (int q = 0; q < k; q++) {
            for (int t = 0; t < frames; t++) {
                mask[q][stepOf(t, q)] = true;
            }
        }
        return mask;
    }

    /**
     * Codes [K][T] to the sequence [K][S], the special token {@code cardinality} in every empty slot.
     *
     * @throws IllegalArgumentException if the shape is not K × T (T ≥ 0, rectangular) or a code is
     *     outside [0, cardinality)
     */
    default int[][] toSequence(int[][] codes, int cardinality) {
        int k = numCodebooks();
        if (cardinality < 1) {
            throw new IllegalArgumentException("cardinality must be positive, not " + cardinality);
        }
        if (codes == null || codes.length != k) {
            throw new IllegalArgumentException("expected codes for " + k + " codebooks, got "
                    + (codes == null ? "none" : codes.length));
        }
        int frames = codes[0].length;
        int[][] sequence = new int[k][steps(frames)];
        for (int q = 0; q < k; q++) {
            if (codes[q].length != frames) {
                throw new IllegalArgumentException("codebook " + q + " has " + codes[q].length
                        + " frames, codebook 0 has " + frames);
            }
            java.util.Arrays.fill(sequence[q], cardinality);
            for (int t = 0; t < frames; t++) {
                int code = codes[q][t];
                if (code < 0 || code >= cardinality) {
                    throw new IllegalArgumentException("code " + code + " at frame " + t + ", codebook " + q
                            + " is outside 0.." + (cardinality - 1));
                }
                sequence[q][stepOf(t, q)] = code;
            }
        }
        return sequence;
    }

    /**
     * The sequence back to codes [K][frames], reading the special token from step 0 (which is always
     * empty, so it holds the cardinality).
     *
     * @throws IllegalArgumentException if the sequence is too short, step 0 is inconsistent, or a
     *     slot that should hold a code holds the special token or a value out of range
     */
    default int[][] fromSequence(int[][] sequence, int frames) {
        if (sequence == null || sequence.length != numCodebooks() || sequence[0].length == 0) {
            throw new IllegalArgumentException("expected a sequence of " + numCodebooks() + " codebooks with a BOS step");
        }
        int special = sequence[0][0];
        for (int[] row : sequence) {
            if (row.length == 0 || row[0] != special) {
                throw new IllegalArgumentException("step 0 must hold the same special token in every codebook");
            }
        }
        return fromSequence(sequence, frames, special);
    }

    /**
     * The sequence back to codes [K][frames]; codes must lie in [0, cardinality). Steps past
     * {@code steps(frames)} are ignored.
     *
     * @throws IllegalArgumentException if the sequence is shorter than {@code steps(frames)} or a
     *     slot that should hold a code holds the special token or a value out of range
     */
    default int[][] fromSequence(int[][] sequence, int frames, int cardinality) {
        requireFrames(frames);
        int k = numCodebooks();
        if (sequence == null || sequence.length != k) {
            throw new IllegalArgumentException("expected a sequence of " + k + " codebooks, got "
                    + (sequence == null ? "none" : sequence.length));
        }
        int needed = steps(frames);
        int[][] codes = new int[k][frames];
        for (int q = 0; q < k; q++) {
            if (sequence[q].length < needed) {
                throw new IllegalArgumentException("codebook " + q + " has " + sequence[q].length + " steps; "
                        + frames + " frames need " + needed);
            }
            for (int t = 0; t < frames; t++) {
                int s = stepOf(t, q);
                int code = sequence[q][s];
                if (code == cardinality) {
                    throw new IllegalArgumentException("step " + s + " of codebook " + q + " should hold the code of frame "
                            + t + " but holds the special token " + cardinality);
                }
                if (code < 0 || code > cardinality) {
                    throw new IllegalArgumentException("step " + s + " of codebook " + q + " holds " + code
                            + ", outside 0.." + (cardinality - 1));
                }
                codes[q][t] = code;
            }
        }
        return codes;
    }

    private static void requireFrames(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, not " + frames);
        }
    }
}
