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
}
