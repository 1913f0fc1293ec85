package studio.codebook.training.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * The lead's melody: two-bar phrases that end on a long chord tone and a breath, whose rhythm and contour
 * return (transposed along the scale to the new chord) so the line sounds composed rather than random.
 * Notes on the beat are chord tones; the rest move mostly by step. Every note is in the scale.
 */
final class MelodyWriter {

    /** Onset of grid step {@code step} of bar {@code bar}, humanised. */
    interface Grid {
        double time(int bar, int step);
    }

    private static final int PHRASE_STEPS = 32;

    private final Attributes a;
    private final Random random;
    private final int bars;
    private final IntUnaryOperator chordDegree;
    private final Grid grid;
    private final DoubleUnaryOperator velocity;
    private final int low;
    private final int high;

    MelodyWriter(Attributes a, Random random, int bars, IntUnaryOperator chordDegree, Grid grid,
            DoubleUnaryOperator velocity) {
        this.a = a;
        this.random = random;
        this.bars = bars;
        this.chordDegree = chordDegree;
        this.grid = grid;
        this.velocity = velocity;
        int center = nearestDegree(a.lead().centerMidi());
        this.low = center - 5;
        this.high = center + 6;
    }

    /** MIDI pitch of absolute scale degree {@code d} (degree 0 is the tonic in MIDI octave −1). */
    int midi(int d) {
        return 12 + a.tonic() + a.mode().semitones(d);
    }

    private int nearestDegree(int targetMidi) {
        int best = 0;
        for (int d = 0; d < 70; d++) {
            if (Math.abs(midi(d) - targetMidi) < Math.abs(midi(best) - targetMidi)) {
                best = d;
            }
        }
        return best;
    }

    void write(List<Note> out) {
        int[][] rhythm = null;
        int[] contour = null;
        int previous = (low + high) / 2;
        double sixteenth = a.beatSeconds() / 4;
        for (int phraseStart = 0; phraseStart < bars * 16; phraseStart += PHRASE_STEPS) {
            boolean repeat = rhythm != null && random.nextDouble() < 0.65;
            if (!repeat) {
                rhythm = rhythm();
            }
            int[] degrees = new int[rhythm.length];
            for (int i = 0; i < rhythm.length; i++) {
                int step = phraseStart + rhythm[i][0];
                int chord = chordDegree.applyAsInt(step / 16);
                if (i == 0) {
                    degrees[i] = nearest(previous + random.nextInt(5) - 2, chord); // phrases start on the root
                } else if (i == rhythm.length - 1) {
                    // phrases come to rest on the tonic when the chord has it (I, IV, vi), else on the root
                    boolean hasTonic = Math.floorMod(chord, 7) == 0 || Math.floorMod(chord, 7) == 3
                            || Math.floorMod(chord, 7) == 5;
                    degrees[i] = nearest(degrees[i - 1], hasTonic ? 0 : chord);
                } else if (repeat && contour != null && i < contour.length) {
                    degrees[i] = degrees[i - 1] + contour[i];
                } else if (rhythm[i][0] % 4 == 0) {
                    degrees[i] = nearestChordTone(degrees[i - 1] + stepInterval(), chord);
                } else {
                    degrees[i] = degrees[i - 1] + stepInterval();
                }
                degrees[i] = reflect(degrees[i]);
            }
            contour = new int[degrees.length];
            for (int i = 1; i < degrees.length; i++) {
                contour[i] = degrees[i] - degrees[i - 1];
            }
            for (int i = 0; i < rhythm.length; i++) {
                int step = phraseStart + rhythm[i][0];
                if (step >= bars * 16) {
                    break;
                }
                double accent = rhythm[i][0] % 4 == 0 ? 0.95 : 0.78;
                out.add(new Note(grid.time(step / 16, step % 16), rhythm[i][1] * sixteenth * 0.92, midi(degrees[i]),
                        velocity.applyAsDouble(accent)));
            }
            previous = degrees[degrees.length - 1];
        }
    }

    /** A phrase's rhythm, {step, length} within 32 steps, ending with a long note and a rest. */
    private int[][] rhythm() {
        int[] lengths = a.lead().sustained() ? new int[] {4, 6, 8, 4}
                : switch (a.energy()) {
                    case LOW -> new int[] {2, 4, 4, 6, 3};
                    case MEDIUM -> new int[] {2, 2, 4, 3, 1, 2};
                    case HIGH -> new int[] {1, 2, 2, 1, 3, 2};
                };
        List<int[]> notes = new ArrayList<>();
        int s = random.nextInt(4) == 0 ? 2 : 0;
        int end = 24 + 2 * random.nextInt(3); // the phrase's last onset at most here
        while (s < end) {
            int len = lengths[random.nextInt(lengths.length)];
            if (!notes.isEmpty() && random.nextDouble() < 0.12) {
                s += len; // a rest
                continue;
            }
            notes.add(new int[] {s, len});
            s += len;
        }
        int[] last = notes.get(notes.size() - 1);
        last[1] = Math.max(last[1], Math.min(8, 30 - last[0])); // the held note before the breath
        return notes.toArray(new int[0][]);
    }

    private int stepInterval() {
        int[] intervals = {-2, -1, -1, -1, 0, 1, 1, 1, 2, 3, -3, 4};
        return intervals[random.nextInt(intervals.length)];
    }

    /**
     * The chord tone near {@code d}, favouring those that are also in the tonic triad: the melody keeps
     * returning to the key's 1, 3 and 5, which is much of what makes the key audible.
     */
    private int nearestChordTone(int d, int chordRoot) {
        int best = d;
        double bestScore = Double.MAX_VALUE;
        for (int c = d - 3; c <= d + 3; c++) {
            int rel = Math.floorMod(c - chordRoot, 7);
            if (rel != 0 && rel != 2 && rel != 4) {
                continue;
            }
            int key = Math.floorMod(c, 7);
            double score = Math.abs(c - d) - (key == 0 ? 2 : key == 2 || key == 4 ? 1 : 0);
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** The degree nearest {@code d} that is {@code target} modulo the octave, within the range. */
    private int nearest(int d, int target) {
        int below = d - Math.floorMod(d - target, 7);
        int c = d - below <= 3 ? below : below + 7;
        return c < low ? c + 7 : c > high ? c - 7 : c;
    }

    private int reflect(int d) {
        while (d < low || d > high) {
            d = d < low ? 2 * low - d : 2 * high - d;
        }
        return d;
    }
}
