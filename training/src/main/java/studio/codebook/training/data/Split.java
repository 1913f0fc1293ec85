package studio.codebook.training.data;

/** Which list a track's segments go to. A track is always wholly in one. */
public enum Split {
    TRAINING, VALIDATION
}
