package studio.codebook.engine.pattern;

/**
 * One codebook per step ("unroll"): code (t, q) at step 1 + t·K + q, every other slot of that step
 * empty. The model sees every earlier code before each prediction, so it learns the exact joint, at
 * the price of K times more steps (T·K + 1).
 */
public final class FlattenPattern extends AbstractCodebookPattern {

    static final String NAME = "flatten";

    public FlattenPattern(int codebooks) {
        super(NAME, codebooks);
    }

    @Override
    public int steps(int frames) {
        return Math.multiplyExact(requireFrames(frames), numCodebooks()) + 1;
    }

    @Override
    public int frames(int steps) {
        return Math.max(0, steps - 1) / numCodebooks();
    }

    @Override
    public int stepOf(int frame, int codebook) {
        check(frame, codebook);
        return 1 + frame * numCodebooks() + codebook;
    }

    @Override
    public int frameAt(int step, int codebook) {
        checkCodebook(codebook);
        if (step < 1 || (step - 1) % numCodebooks() != codebook) {
            return -1;
        }
        return (step - 1) / numCodebooks();
    }

    /** Frame t is complete when its last codebook, at step (t + 1)·K, is filled. */
    @Override
    public int completeFrames(int stepsFilled) {
        return Math.max(0, stepsFilled - 1) / numCodebooks();
    }
}
