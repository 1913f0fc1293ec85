package studio.codebook.ui.inspect;

/** Which audio the Inspect view plays: A (the original) or B (the decode from the first k codebooks). */
public enum Listening {
    ORIGINAL, DECODED
}
