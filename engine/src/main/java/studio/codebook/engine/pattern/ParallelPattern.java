package studio.codebook.engine.pattern;

/**
 * All K codes of frame t at step 1 + t: the fewest steps (T + 1), but the K codes of a frame are
 * predicted together from the same past, so the model learns only the product of their marginals.
 */
public final class ParallelPattern implements CodebookPattern {

    static final String NAME = "parallel";

    private final int codebooks;

    public ParallelPattern(int codebooks) {
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
        return Patterns.requireFrames(frames) + 1;
    }

    @Override
    public int frames(int steps) {
        return Math.max(0, steps - 1);
    }

    @Override
    public int stepOf(int frame, int codebook) {
        Patterns.check(frame, codebook, codebooks);
        return 1 + frame;
    }

    @Override
    public int frameAt(int step, int codebook) {
        Patterns.checkCodebook(codebook, codebooks);
        return step >= 1 ? step - 1 : -1;
    }

    @Override
    public int completeFrames(int stepsFilled) {
        return Math.max(0, stepsFilled - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParallelPattern p && p.codebooks == codebooks;
    }

    @Override
    public int hashCode() {
        return 31 * codebooks + 1;
    }

    @Override
    public String toString() {
        return "ParallelPattern(K=" + codebooks + ")";
    }
}
