package studio.codebook.training.data;

import java.util.Objects;

/**
 * A file of the library folder that is not used, and why.
 *
 * @param relativePath path inside the library folder, '/'-separated
 * @param sizeBytes file size (-1 when it could not be read)
 * @param kind what kind of problem it is
 * @param reason the problem in words a musician can act on, naming the file
 */
public record SkippedFile(String relativePath, long sizeBytes, SkipKind kind, String reason) {

    public SkippedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
