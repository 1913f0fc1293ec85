package studio.codebook.training.data;

import java.io.IOException;

/** A manifest file could not be read back: not JSON, a missing or unknown field, an impossible value. */
public final class ManifestException extends IOException {

    private static final long serialVersionUID = 1L;

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
