package studio.codebook.engine.pattern;

/**
 * All K codes of frame t at step 1 + t: the fewest steps (T + 1), but the K codes of a frame are
 * predicted together from the same past, so the model learns only the product of their marginals.
 */
public final class ParallelPattern extends AbstractCodebookPattern {

    static final String NAME = "parallel";

    public ParallelPattern(int codebooks) {
        super(NAME, codebooks);
    }

    @Override
    public int steps(int frames) {
        return requireFrames(frames) + 1;
    }

    @Override
    public int frames(int steps) {
        return Math.max(0, steps - 1);
    }

    @Override
    public int stepOf(int frame, int codebook) {
        check(frame, codebook);
        return 1 + frame;
    }

    @Override
    public int frameAt(int step, int codebook) {
        checkCodebook(codebook);
        return step >= 1 ? step - 1 : -1;
    }

    @Override
    public int completeFrames(int stepsFilled) {
        return Math.max(0, stepsFilled - 1);
    }
}
