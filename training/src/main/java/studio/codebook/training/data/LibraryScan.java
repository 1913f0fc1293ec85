package studio.codebook.training.data;

import java.util.List;
import java.util.Objects;

/**
 * The result of scanning a library folder: what was used and skipped, and the segments, held out by track.
 *
 * @param manifest every file and what became of it
 * @param training segments of the training tracks, in manifest order
 * @param validation segments of the held-out tracks, in manifest order
 */
public record LibraryScan(Manifest manifest, List<Segment> training, List<Segment> validation) {

    public LibraryScan {
        Objects.requireNonNull(manifest, "manifest");
        training = List.copyOf(training);
        validation = List.copyOf(validation);
    }

    /**
     * This scan with at most {@code max} validation segments, evenly spaced over the held-out ones (so every part
     * of the held-out tracks stays represented, in manifest order), or this scan when it holds no more. A 12-hour
     * library holds thousands of validation segments; walking them all at every checkpoint costs more than the
     * training between two checkpoints, and a few hundred measure the same mean to within its noise.
     *
     * @param max at least 1
     */
    public LibraryScan withValidationAtMost(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at most " + max + " validation segments: need at least 1");
        }
        int n = validation.size();
        if (n <= max) {
            return this;
        }
        List<Segment> kept = new java.util.ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            kept.add(validation.get((int) ((long) i * n / max)));
        }
        return new LibraryScan(manifest, training, kept);
    }
}
