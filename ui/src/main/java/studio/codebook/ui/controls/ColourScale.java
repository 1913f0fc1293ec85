package studio.codebook.ui.controls;

import javafx.scene.paint.Color;

/**
 * A colour map from [0, 1] to colours, by linear interpolation between evenly spaced anchors. The
 * sequential maps are perceptually ordered (lightness rises with the value), so a heatmap reads right in
 * grey too; the diverging map is dark in the middle, so zero blends into a dark background and both signs
 * stand out from it.
 */
public final class ColourScale {

    /** Viridis (matplotlib), sampled at nine points: dark violet → blue → green → yellow. */
    public static final ColourScale VIRIDIS = new ColourScale("viridis",
            0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725);

    /** Blue for negative, near-background grey for zero, orange for positive: for differences. */
    public static final ColourScale DIVERGING = new ColourScale("blue-grey-orange",
            0x9ccbff, 0x4f8fdc, 0x2c4f80, 0x2a2d38, 0x80452c, 0xdc7a3c, 0xffc08a);

    /**
     * Turbo (Google's polynomial approximation), sampled at seventeen points: a rainbow with monotone-ish lightness, used for token ids
     * whose order means nothing, where the most distinct colours matter.
     */
    public static final ColourScale TURBO = new ColourScale("turbo",
            0x23171b, 0x493eaf, 0x446aee, 0x3295f7, 0x26bde1, 0x29ddbb, 0x40f392, 0x66fd6d, 0x96fa50,
            0xc6eb3b, 0xeed02d, 0xffab24, 0xff801d, 0xee5415, 0xc92d0c, 0xa11202, 0x900d00);

    private final String name;
    private final double[][] anchors;

    private ColourScale(String name, int... rgb) {
        this.name = name;
        this.anchors = new double[rgb.length][];
        for (int i = 0; i < rgb.length; i++) {
            anchors[i] = new double[] {(rgb[i] >> 16 & 0xff) / 255.0, (rgb[i] >> 8 & 0xff) / 255.0, (rgb[i] & 0xff) / 255.0};
        }
    }

    public String name() {
        return name;
    }

    /** The colour at {@code t} (clamped to [0, 1]; NaN gives the middle). */
    public Color colour(double t) {
        double[] c = rgb(t);
        return Color.color(c[0], c[1], c[2]);
    }

    /** The colour at {@code t} as opaque 0xAARRGGBB, for pixel writers. */
    public int argb(double t) {
        double[] c = rgb(t);
        return 0xff000000 | (int) Math.round(c[0] * 255) << 16 | (int) Math.round(c[1] * 255) << 8
                | (int) Math.round(c[2] * 255);
    }

    private double[] rgb(double t) {
        double x = Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
        double pos = x * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        double[] a = anchors[i];
        double[] b = anchors[i + 1];
        return new double[] {a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])};
    }

    /** Black or white, whichever reads better on {@code background} (by relative luminance). */
    public static Color textOn(Color background) {
        double l = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
                + 0.0722 * linear(background.getBlue());
        return l > 0.22 ? Color.rgb(16, 16, 20) : Color.rgb(240, 240, 245);
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @Override
    public String toString() {
        return "ColourScale[" + name + "]";
    }
}
