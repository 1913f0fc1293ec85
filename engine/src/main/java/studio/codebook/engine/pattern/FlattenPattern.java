package studio.codebook.engine.pattern;

/**
 * One codebook per step ("unroll"): code (t, q) at step 1 + t·K + q, every other slot of that step
 * empty. The model sees every earlier code before each prediction, so it learns the exact joint, at
 * the price of K times more steps (T·K + 1).
 */
public final class FlattenPattern implements CodebookPattern {

    static final String NAME = "flatten";

    private final int codebooks;

    public FlattenPattern(int codebooks) {
        this.codebooks = Patterns.requireCodebooks(codebooks);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numCodebooks() {
        return codebooks;
    }

    @Override
    public int steps(int frames) {
        return Math.multiplyExact(Patterns.requireFrames(frames), codebooks) + 1;
    }

    @Override
    public int frames(int steps) {
        return Math.max(0, steps - 1) / codebooks;
    }

    @Override
    public int stepOf(int frame, int codebook) {
        Patterns.check(frame, codebook, codebooks);
        return 1 + frame * codebooks + codebook;
    }

    @Override
    public int frameAt(int step, int codebook) {
        Patterns.checkCodebook(codebook, codebooks);
        if (step < 1 || (step - 1) % codebooks != codebook) {
            return -1;
        }
        return (step - 1) / codebooks;
    }

    /** Frame t is complete when its last codebook, at step (t + 1)·K, is filled. */
    @Override
    public int completeFrames(int stepsFilled) {
        return Math.max(0, stepsFilled - 1) / codebooks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlattenPattern p && p.codebooks == codebooks;
    }

    @Override
    public int hashCode() {
        return 31 * codebooks + 3;
    }

    @Override
    public String toString() {
        return "FlattenPattern(K=" + codebooks + ")";
    }
}
