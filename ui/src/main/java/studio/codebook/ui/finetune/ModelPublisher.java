package studio.codebook.ui.finetune;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelFolder;

/**
 * Puts a trained model into the models folder all at once: its files are copied into a hidden temporary
 * folder beside the target, then that folder is renamed to the model's name. The model selector, which
 * lists the models folder, therefore sees either no model or a complete one, never a half-written folder;
 * a failure removes the temporary folder. An existing model is never replaced. The published model.json
 * carries the new name as the model's id and name (its provenance still names the base model).
 */
final class ModelPublisher {

    private ModelPublisher() {
    }

    /** The folder a model named {@code name} gets. */
    static Path target(Path modelsFolder, String name) {
        return modelsFolder.resolve(name);
    }

    /**
     * Copies the regular files of {@code model} to {@code modelsFolder/name}.
     *
     * @throws FileAlreadyExistsException when a model of that name exists
     */
    static Path publish(Path model, Path modelsFolder, String name) throws IOException {
        Path target = target(modelsFolder, name);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a model named '" + name
                    + "' already exists; choose another name");
        }
        Files.createDirectories(modelsFolder);
        Path temp = Files.createTempDirectory(modelsFolder, "." + name + ".partial-");
        try {
            try (Stream<Path> files = Files.list(model)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, temp.resolve(f.getFileName()));
                    }
                }
            }
            // the new model is listed under its own name, not its base model's
            ModelConfig config = ModelFolder.readConfig(temp);
            ModelFolder.writeConfig(temp, config.withId(name, name));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
