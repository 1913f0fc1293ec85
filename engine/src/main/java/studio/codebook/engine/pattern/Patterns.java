package studio.codebook.engine.pattern;

/** Argument checks shared by the pattern implementations. */
final class Patterns {

    /** More codebooks than any codec we build; a bound that keeps step arithmetic far from overflow. */
    static final int MAX_CODEBOOKS = 64;

    private Patterns() {}

    static int requireCodebooks(int codebooks) {
        if (codebooks < 1 || codebooks > MAX_CODEBOOKS) {
            throw new IllegalArgumentException("codebooks must be 1.." + MAX_CODEBOOKS + ", not " + codebooks);
        }
        return codebooks;
    }

    static int requireFrames(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, not " + frames);
        }
        return frames;
    }

    static void checkCodebook(int codebook, int codebooks) {
        if (codebook < 0 || codebook >= codebooks) {
            throw new IllegalArgumentException("codebook " + codebook + " is outside 0.." + (codebooks - 1));
        }
    }

    static void check(int frame, int codebook, int codebooks) {
        requireFrames(frame);
        checkCodebook(codebook, codebooks);
    }
}
