package studio.codebook.engine.pattern;

/**
 * What the patterns share: K and the name stored in {@code model.json}, the argument checks, and
 * identity by kind and K (two patterns are equal when they are of the same class with the same K).
 */
abstract class AbstractCodebookPattern implements CodebookPattern {

    /** More codebooks than any codec we build; a bound that keeps step arithmetic far from overflow. */
    static final int MAX_CODEBOOKS = 64;

    private final String name;
    private final int codebooks;

    AbstractCodebookPattern(String name, int codebooks) {
        if (codebooks < 1 || codebooks > MAX_CODEBOOKS) {
            throw new IllegalArgumentException("codebooks must be 1.." + MAX_CODEBOOKS + ", not " + codebooks);
        }
        this.name = name;
        this.codebooks = codebooks;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int numCodebooks() {
        return codebooks;
    }

    static int requireFrames(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, not " + frames);
        }
        return frames;
    }

    final void checkCodebook(int codebook) {
        if (codebook < 0 || codebook >= codebooks) {
            throw new IllegalArgumentException("codebook " + codebook + " is outside 0.." + (codebooks - 1));
        }
    }

    final void check(int frame, int codebook) {
        requireFrames(frame);
        checkCodebook(codebook);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((AbstractCodebookPattern) o).codebooks == codebooks;
    }

    @Override
    public final int hashCode() {
        return 31 * codebooks + name.hashCode();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "(K=" + codebooks + ")";
    }
}
