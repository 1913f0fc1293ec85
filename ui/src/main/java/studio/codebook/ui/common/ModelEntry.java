package studio.codebook.ui.common;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One model the selector offers.
 *
 * @param name the model's human name (from model.json)
 * @param id the model's id
 * @param folder its folder
 * @param source where it came from
 */
public record ModelEntry(String name, String id, Path folder, Source source) {

    /** Where a model in the list came from. */
    public enum Source {
        /** Shipped with the program. */
        BUNDLED,
        /** In the user's models folder. */
        USER,
        /** Added while the studio runs (a fine-tuned model, a folder the user picked). */
        ADDED
    }

    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
        Objects.requireNonNull(source, "source");
    }

    /** What the selector shows. */
    public String label() {
        return source == Source.BUNDLED ? name + " (bundled)" : name;
    }

    @Override
    public String toString() {
        return label();
    }
}
