package studio.codebook.training.synth;

/** A timbre that adds notes into a sample buffer. Instances hold a clip's rate and seeded noise source. */
interface Instrument {

    /**
     * Adds one note to {@code out}.
     *
     * @param start the onset, in samples
     * @param hold samples the note is held before its release begins
     * @param frequency fundamental in Hz
     * @param velocity 0–1; louder and, for most timbres, brighter
     */
    void play(float[] out, int start, int hold, double frequency, double velocity);
}
