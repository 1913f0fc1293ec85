package studio.codebook.training.data;

import java.nio.file.Path;

/**
 * Follows a library scan and may stop it. Called on the scanning thread; {@link #cancelled()} is polled
 * before each file, and a scan that sees {@code true} stops with a
 * {@link java.util.concurrent.CancellationException} and keeps nothing.
 */
public interface ScanListener {

    /** Does nothing and never cancels. */
    ScanListener NONE = new ScanListener() {};

    /**
     * A file is about to be read.
     *
     * @param index 0-based position of the file in the scan
     * @param total number of files in the scan
     * @param file the file, inside the library folder
     */
    default void progress(int index, int total, Path file) {
    }

    /** Whether the user asked to stop. */
    default boolean cancelled() {
        return false;
    }
}
