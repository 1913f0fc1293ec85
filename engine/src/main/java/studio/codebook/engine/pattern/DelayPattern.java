package studio.codebook.engine.pattern;

/**
 * MusicGen's delay pattern: codebook q (0-based) is shifted right by q frames, so code (t, q) sits
 * at step 1 + t + q and step s carries {z⁰ₛ₋₁, z¹ₛ₋₂, …}: each code is predicted after every code of
 * the earlier codebooks of its own frame. T frames take T + K steps including the BOS (30 s at 50 Hz with K = 4: 1504 steps, of which 1503
 * are predicted, the figure REFERENCE.md quotes).
 */
public final class DelayPattern extends AbstractCodebookPattern {

    static final String NAME = "delay";

    public DelayPattern(int codebooks) {
        super(NAME, codebooks);
    }

    @Override
    public int steps(int frames) {
        return requireFrames(frames) + numCodebooks();
    }

    @Override
    public int frames(int steps) {
        return Math.max(0, steps - numCodebooks());
    }

    @Override
    public int stepOf(int frame, int codebook) {
        check(frame, codebook);
        return 1 + frame + codebook;
    }

    @Override
    public int frameAt(int step, int codebook) {
        checkCodebook(codebook);
        int t = step - 1 - codebook;
        return t >= 0 ? t : -1;
    }

    /** Frame t is complete when its last codebook, at step t + K, is filled. */
    @Override
    public int completeFrames(int stepsFilled) {
        return Math.max(0, stepsFilled - numCodebooks());
    }
}
