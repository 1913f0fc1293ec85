package studio.codebook.ui.common;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;

/** A tiny random-weight model saved once per test run, for tests that need a model folder. */
public final class TinyModel {

    private static Path folder;

    private TinyModel() {}

    /** The saved model's folder (made on first use). */
    public static synchronized Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("studio-tiny-model-");
                try (MusicModel model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-ui"),
                        Device.cpu(), 7)) {
                    model.saveTo(dir);
                }
                folder = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    /** Copies the model into {@code target} (e.g. a user models folder). */
    public static Path copyTo(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(folder())) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
