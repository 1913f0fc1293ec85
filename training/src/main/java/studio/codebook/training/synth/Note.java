package studio.codebook.training.synth;

/**
 * One pitched note of an arrangement.
 *
 * @param start onset in seconds from the start of the clip (humanised)
 * @param duration held length in seconds (the instrument's release follows)
 * @param midi MIDI pitch (69 = A4 = 440 Hz)
 * @param velocity 0–1
 */
public record Note(double start, double duration, int midi, double velocity) {

    /** Equal-tempered frequency in Hz. */
    public double frequency() {
        return 440.0 * StrictMath.pow(2, (midi - 69) / 12.0);
    }
}
