package studio.codebook.engine.model;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the default model that ships with the program: wherever the system property {@value #PROPERTY}
 * points, next to the jar, in an installed app's folder, or in the source tree ({@code assets/models/default})
 * when run from a checkout.
 */
public final class BundledModel {

    /** A system property naming the bundled model's folder; it is looked at first. */
    public static final String PROPERTY = "codebook.defaultModel";

    /** Where the model sits relative to the installation or the source tree. */
    public static final Path RELATIVE = Path.of("assets", "models", "default");

    /** Set by jpackage's native launcher to its own path. */
    static final String LAUNCHER_PROPERTY = "jpackage.app-path";

    private BundledModel() {}

    /** The first candidate folder that holds a {@code model.json}, if any. */
    public static Optional<Path> find() {
        return firstModel(candidates());
    }

    /**
     * The folders looked at, in order: the property, up to three folders above the first class path entry,
     * the app folder of an installed app, the working folder.
     */
    public static List<Path> candidates() {
        return candidates(System.getProperty(PROPERTY), System.getProperty("java.class.path", ""),
                System.getProperty(LAUNCHER_PROPERTY), Path.of("").toAbsolutePath());
    }

    /**
     * The candidates for these settings.
     *
     * @param explicit the {@value #PROPERTY} property, or null
     * @param classPath the class path; its first entry is the app's jar when one was started
     * @param launcher the path of an installed app's native launcher, or null. jpackage puts the app's files
     *     in {@code lib/app} beside {@code bin/} on Linux, {@code Contents/app} on macOS and {@code app} beside
     *     the launcher on Windows
     * @param workingDir the working folder
     */
    static List<Path> candidates(String explicit, String classPath, String launcher, Path workingDir) {
        List<Path> out = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            out.add(Path.of(explicit));
        }
        File first = new File(classPath.split(File.pathSeparator)[0]).getAbsoluteFile();
        Path dir = first.isFile() ? first.toPath().getParent() : null;
        for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
            out.add(dir.resolve(RELATIVE));
        }
        if (launcher != null && !launcher.isBlank()) {
            Path bin = Path.of(launcher).toAbsolutePath().getParent();
            if (bin != null && bin.getParent() != null) {
                out.add(bin.getParent().resolve("lib").resolve("app").resolve(RELATIVE));
                out.add(bin.getParent().resolve("app").resolve(RELATIVE));
            }
            if (bin != null) {
                out.add(bin.resolve("app").resolve(RELATIVE));
            }
        }
        Path local = workingDir.resolve(RELATIVE);
        if (!out.contains(local)) {
            out.add(local);
        }
        return out;
    }

    /** The first of {@code candidates} that holds a {@code model.json}. */
    static Optional<Path> firstModel(List<Path> candidates) {
        return candidates.stream()
                .filter(c -> Files.isRegularFile(c.resolve(ModelFolder.CONFIG_FILE)))
                .findFirst();
    }
}
