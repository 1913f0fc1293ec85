package studio.codebook.training.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A composed clip: a chord per bar from a genre-typical progression in the key, a bass line on the chord
 * roots, a phrased scale-aware melody and a drum pattern, all on the 16-step grid of the stated tempo.
 * Timing is humanised by a few milliseconds and velocities by about ±10 %, never enough to move the beat.
 *
 * @param chords the comping part (chord tones only)
 * @param bass the bass line
 * @param melody the lead's notes
 * @param drums the drum hits (empty for {@link DrumStyle#NONE})
 */
public record Arrangement(List<Note> chords, List<Note> bass, List<Note> melody, List<DrumHit> drums) {

    /** Humanisation of onsets: standard deviation and limit, in seconds. */
    static final double TIMING_SIGMA = 0.003;
    static final double TIMING_LIMIT = 0.008;

    public Arrangement {
        chords = List.copyOf(chords);
        bass = List.copyOf(bass);
        melody = List.copyOf(melody);
        drums = List.copyOf(drums);
    }

    /** Composes {@code seconds} of music (whole bars covering it) for {@code a}, drawing from {@code random}. */
    public static Arrangement compose(Attributes a, Random random, double seconds) {
        return new Composer(a, random, seconds).compose();
    }

    /** Seconds from the start of the clip to grid step {@code step} (16 per bar), with the genre's swing. */
    static double stepTime(Attributes a, int step) {
        double sixteenth = a.beatSeconds() / 4;
        double t = step * sixteenth;
        double swing = a.genre().swing();
        if (a.genre() == Genre.JAZZ) {
            if (Math.floorMod(step, 4) == 2) {
                t += swing * 2 * sixteenth; // the "and" moves towards the last triplet of the beat
            }
        } else if (Math.floorMod(step, 2) == 1) {
            t += swing * sixteenth;
        }
        return t;
    }

    /** The composition steps, sharing the attributes, the random source and the bar count. */
    private static final class Composer {
        private final Attributes a;
        private final Random random;
        private final int bars;
        private final int[] progression;
        private final List<Note> chords = new ArrayList<>();
        private final List<Note> bass = new ArrayList<>();
        private final List<Note> melody = new ArrayList<>();
        private final List<DrumHit> drums = new ArrayList<>();

        Composer(Attributes a, Random random, double seconds) {
            this.a = a;
            this.random = random;
            this.bars = (int) Math.ceil(seconds / (4 * a.beatSeconds())) + 1;
            int[][] options = a.genre().progressions(a.mode());
            this.progression = options[random.nextInt(options.length)];
        }

        Arrangement compose() {
            writeChords();
            writeBass();
            writeMelody();
            new DrumPattern(a, random).write(bars, drums);
            return new Arrangement(chords, bass, melody, drums);
        }

        int chordDegree(int bar) {
            return progression[bar % progression.length];
        }

        /** MIDI pitch of scale degree {@code degree} counted from the tonic in octave {@code octave}. */
        int pitch(int degree, int octave) {
            return 12 * (octave + 1) + a.tonic() + a.mode().semitones(degree);
        }

        double time(int bar, int step) {
            return stepTime(a, bar * 16 + step) + humanise();
        }

        double humanise() {
            double d = random.nextGaussian() * TIMING_SIGMA;
            return Math.max(-TIMING_LIMIT, Math.min(TIMING_LIMIT, d));
        }

        double velocity(double base) {
            double energy = switch (a.energy()) {
                case LOW -> 0.8;
                case MEDIUM -> 0.9;
                case HIGH -> 1.0;
            };
            return Math.max(0.05, Math.min(1, base * energy * (1 + 0.1 * (random.nextDouble() * 2 - 1))));
        }

        double steps(int n) {
            return n * a.beatSeconds() / 4;
        }

        void writeChords() {
            int[][] pattern = Patterns.comping(a.genre(), random);
            boolean arpeggio = a.genre() == Genre.CHIPTUNE;
            int tones = a.genre().sevenths() ? 4 : 3;
            for (int bar = 0; bar < bars; bar++) {
                int root = chordDegree(bar);
                int[] voicing = new int[tones];
                for (int i = 0; i < tones; i++) {
                    voicing[i] = pitch(root + 2 * i, 4);
                    while (voicing[i] > 12 * 5 + 7 + 12) { // keep the comping below the lead, around C4–G5
                        voicing[i] -= 12;
                    }
                }
                for (int[] hit : pattern) {
                    double start = time(bar, hit[0]);
                    if (arpeggio) {
                        int n = voicing[Math.floorMod(hit[0], tones)];
                        chords.add(new Note(start, steps(hit[1]) * 0.9, n, velocity(0.7)));
                    } else {
                        for (int n : voicing) {
                            chords.add(new Note(start, steps(hit[1]) * 0.95, n, velocity(0.7)));
                        }
                    }
                }
            }
        }

        void writeBass() {
            int[][] pattern = Patterns.bass(a.genre(), random);
            for (int bar = 0; bar < bars; bar++) {
                int root = chordDegree(bar);
                int next = chordDegree(bar + 1);
                for (int i = 0; i < pattern.length; i++) {
                    int[] hit = pattern[i];
                    int degree = switch (hit[2]) {
                        case Patterns.FIFTH -> root + 4;
                        case Patterns.OCTAVE -> root + 7;
                        case Patterns.WALK -> walk(root, next, i, pattern.length);
                        default -> root;
                    };
                    int midi = pitch(degree, 2);
                    while (midi > 12 * 3 + 7 + 5) { // roots stay between about E1 and C3
                        midi -= 12;
                    }
                    bass.add(new Note(time(bar, hit[0]), steps(hit[1]) * 0.9, midi, velocity(0.85)));
                }
            }
        }

        /** A walking line: root, chord tone, scale step, then a step towards the next bar's root. */
        int walk(int root, int next, int beat, int beats) {
            if (beat == 0) {
                return root;
            }
            if (beat == beats - 1) {
                return next + (next > root ? -1 : 1);
            }
            return root + (beat == 1 ? 2 : random.nextBoolean() ? 4 : 3);
        }

        void writeMelody() {
            new MelodyWriter(a, random, bars, this::chordDegree, this::time, this::velocity).write(melody);
        }
    }
}
