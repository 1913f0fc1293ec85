package studio.codebook.ui.controls;

import javafx.scene.paint.Color;

/**
 * A colour for every token id of a codebook. Ids are spread over the turbo map by the golden ratio
 * (id · 0.618… mod 1), so neighbouring ids, which a codebook does not order by meaning, land far apart on
 * the map and stay distinguishable; the darkest and the darkest-red ends are left out so every token
 * shows on a dark background.
 */
public final class TokenPalette {

    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;
    private static final double LOW = 0.08;
    private static final double HIGH = 0.92;

    private final int[] argb;

    private TokenPalette(int size) {
        argb = new int[size];
        for (int id = 0; id < size; id++) {
            argb[id] = ColourScale.TURBO.argb(position(id));
        }
    }

    /** The palette of a codebook of {@code size} entries. */
    public static TokenPalette of(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a codebook has at least one entry, not " + size);
        }
        return new TokenPalette(size);
    }

    /** Where on the colour map id {@code id} sits, in [LOW, HIGH]. */
    static double position(int id) {
        double f = (id * GOLDEN) % 1.0;
        return LOW + f * (HIGH - LOW);
    }

    public int size() {
        return argb.length;
    }

    /** Opaque 0xAARRGGBB of token {@code id}. */
    public int argb(int id) {
        return argb[id];
    }

    public Color colour(int id) {
        int c = argb[id];
        return Color.rgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff);
    }
}
