package studio.codebook.training.data;

import java.io.IOException;

/** A file the manifest lists is missing or no longer has the content it had when the folder was scanned. */
public final class LibraryChangedException extends IOException {

    private static final long serialVersionUID = 1L;

    public LibraryChangedException(String message) {
        super(message);
    }
}
