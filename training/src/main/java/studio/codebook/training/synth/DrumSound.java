package studio.codebook.training.synth;

/** The drum kit's pieces; chip styles render each with noise-channel and pulse sounds instead. */
public enum DrumSound {
    KICK, SNARE, CLAP, CLOSED_HAT, OPEN_HAT, RIDE, BRUSH
}
