package studio.codebook.training.synth;

import java.util.Random;

/** Genre-typical rhythms for the comping and the bass, as {step (of 16), length in steps[, bass degree]}. */
final class Patterns {

    static final int ROOT = 0;
    static final int FIFTH = 1;
    static final int OCTAVE = 2;
    static final int WALK = 3;

    private Patterns() {
    }

    static int[][] comping(Genre genre, Random random) {
        int[][][] options = switch (genre) {
            case TECHNO -> new int[][][] {{{0, 16}}, {{2, 1}, {6, 1}, {10, 1}, {14, 1}}, {{3, 2}, {10, 2}}};
            case HOUSE -> new int[][][] {{{2, 2}, {6, 2}, {10, 2}, {14, 2}}, {{0, 3}, {3, 3}, {6, 2}, {10, 4}}};
            case HIP_HOP, LO_FI -> new int[][][] {{{0, 8}, {8, 8}}, {{0, 16}}, {{0, 6}, {6, 10}}};
            case ROCK -> new int[][][] {{{0, 4}, {4, 4}, {8, 4}, {12, 4}}, {{0, 6}, {6, 6}, {12, 4}}};
            case AMBIENT -> new int[][][] {{{0, 16}}};
            case JAZZ -> new int[][][] {{{0, 3}, {6, 4}}, {{2, 2}, {10, 4}}, {{0, 2}, {6, 2}, {12, 3}}};
            case CHIPTUNE -> new int[][][] {sixteenths()};
        };
        return options[random.nextInt(options.length)];
    }

    private static int[][] sixteenths() {
        int[][] p = new int[16][];
        for (int i = 0; i < 16; i++) {
            p[i] = new int[] {i, 1};
        }
        return p;
    }

    static int[][] bass(Genre genre, Random random) {
        int[][][] options = switch (genre) {
            case TECHNO -> new int[][][] {
                {{2, 2, ROOT}, {6, 2, ROOT}, {10, 2, ROOT}, {14, 2, ROOT}},
                {{1, 1, ROOT}, {2, 1, ROOT}, {3, 1, OCTAVE}, {5, 1, ROOT}, {6, 1, ROOT}, {7, 1, OCTAVE},
                    {9, 1, ROOT}, {10, 1, ROOT}, {11, 1, OCTAVE}, {13, 1, ROOT}, {14, 1, ROOT}, {15, 1, OCTAVE}}};
            case HOUSE -> new int[][][] {
                {{2, 2, ROOT}, {6, 2, OCTAVE}, {10, 2, ROOT}, {14, 2, OCTAVE}},
                {{0, 3, ROOT}, {3, 3, ROOT}, {8, 2, FIFTH}, {10, 4, ROOT}}};
            case HIP_HOP, LO_FI -> new int[][][] {
                {{0, 5, ROOT}, {7, 2, ROOT}, {10, 4, FIFTH}},
                {{0, 6, ROOT}, {10, 4, ROOT}}};
            case ROCK -> new int[][][] {
                {{0, 2, ROOT}, {2, 2, ROOT}, {4, 2, ROOT}, {6, 2, ROOT}, {8, 2, ROOT}, {10, 2, ROOT}, {12, 2, ROOT},
                    {14, 2, ROOT}},
                {{0, 4, ROOT}, {4, 2, ROOT}, {6, 2, FIFTH}, {8, 4, ROOT}, {12, 4, OCTAVE}}};
            case AMBIENT -> new int[][][] {{{0, 16, ROOT}}};
            case JAZZ -> new int[][][] {{{0, 4, WALK}, {4, 4, WALK}, {8, 4, WALK}, {12, 4, WALK}}};
            case CHIPTUNE -> new int[][][] {
                {{0, 2, ROOT}, {2, 2, OCTAVE}, {4, 2, ROOT}, {6, 2, OCTAVE}, {8, 2, ROOT}, {10, 2, OCTAVE},
                    {12, 2, ROOT}, {14, 2, OCTAVE}}};
        };
        return options[random.nextInt(options.length)];
    }
}
