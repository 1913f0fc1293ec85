package studio.codebook.engine.model;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the default model that ships with the program: next to the installed jar, in the source tree
 * ({@code assets/models/default}) when run from a checkout, or wherever the system property
 * {@value #PROPERTY} points.
 */
public final class BundledModel {

    /** A system property naming the bundled model's folder; it is looked at first. */
    public static final String PROPERTY = "codebook.defaultModel";

    /** Where the model sits relative to the installation or the source tree. */
    public static final Path RELATIVE = Path.of("assets", "models", "default");

    private BundledModel() {}

    /** The first candidate folder that holds a {@code model.json}, if any. */
    public static Optional<Path> find() {
        return firstModel(candidates());
    }

    /** The folders looked at, in order: the property, up to three folders above the jar, the working folder. */
    public static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            out.add(Path.of(explicit));
        }
        String cp = System.getProperty("java.class.path", "");
        File first = new File(cp.split(File.pathSeparator)[0]).getAbsoluteFile();
        Path dir = first.isFile() ? first.toPath().getParent() : null;
        for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
            out.add(dir.resolve(RELATIVE));
        }
        out.add(RELATIVE.toAbsolutePath());
        return out;
    }

    /** The first of {@code candidates} that holds a {@code model.json}. */
    static Optional<Path> firstModel(List<Path> candidates) {
        return candidates.stream()
                .filter(c -> Files.isRegularFile(c.resolve(ModelFolder.CONFIG_FILE)))
                .findFirst();
    }
}
