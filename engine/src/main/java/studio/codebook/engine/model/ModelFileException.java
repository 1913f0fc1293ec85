package studio.codebook.engine.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model folder or one of its files cannot be used. The message names the file and what is wrong with it.
 */
public class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ModelFileException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public ModelFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The file (or folder) at fault. */
    public Path file() {
        return file;
    }
}
