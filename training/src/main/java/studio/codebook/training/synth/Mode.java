package studio.codebook.training.synth;

/** Major or natural minor; chords and melodies use only the notes of the scale. */
public enum Mode {
    MAJOR("major", new int[] {0, 2, 4, 5, 7, 9, 11}),
    MINOR("minor", new int[] {0, 2, 3, 5, 7, 8, 10});

    private final String label;
    private final int[] steps;

    Mode(String label, int[] steps) {
        this.label = label;
        this.steps = steps;
    }

    public String label() {
        return label;
    }

    /** Semitones above the tonic of scale degree {@code degree} (any integer; 7 is the octave). */
    public int semitones(int degree) {
        int octave = Math.floorDiv(degree, 7);
        return octave * 12 + steps[Math.floorMod(degree, 7)];
    }

    /** Whether pitch class {@code pc} (0–11, relative to the tonic) is in the scale. */
    public boolean contains(int pc) {
        for (int s : steps) {
            if (s == Math.floorMod(pc, 12)) {
                return true;
            }
        }
        return false;
    }
}
