package studio.codebook.ui.dependence;

import java.nio.file.Path;

/**
 * A file that could not be measured, and why.
 *
 * @param file the file
 * @param reason a sentence for the user
 */
public record SkippedAudio(Path file, String reason) {
}
