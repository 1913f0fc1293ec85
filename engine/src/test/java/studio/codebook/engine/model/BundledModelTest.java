package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelTest {

    @TempDir
    Path temp;

    @Test
    void theFirstFolderWithAModelJsonWins() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        Files.writeString(a.resolve("model.json"), "{}");
        Files.writeString(b.resolve("model.json"), "{}");
        assertEquals(Optional.of(a), BundledModel.firstModel(List.of(temp.resolve("missing"), empty, a, b)));
        assertEquals(Optional.empty(), BundledModel.firstModel(List.of(empty)));
    }

    @Test
    void thePropertyIsLookedAtFirstAndFound() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("explicit"));
        Files.writeString(dir.resolve("model.json"), "{}");
        String before = System.getProperty(BundledModel.PROPERTY);
        System.setProperty(BundledModel.PROPERTY, dir.toString());
        try {
            assertEquals(dir, BundledModel.candidates().get(0));
            assertEquals(Optional.of(dir), BundledModel.find());
        } finally {
            if (before == null) {
                System.clearProperty(BundledModel.PROPERTY);
            } else {
                System.setProperty(BundledModel.PROPERTY, before);
            }
        }
    }

    @Test
    void theSourceTreeFolderIsACandidate() {
        assertTrue(BundledModel.candidates().contains(Path.of("assets/models/default").toAbsolutePath()));
    }

    /** The layout jpackage installs on Linux: /opt/codebook-studio/{bin/codebook-studio, lib/app/...}. */
    @Test
    void anInstalledLinuxAppFindsTheModelInItsAppFolder() throws IOException {
        Path opt = temp.resolve("opt/codebook-studio");
        Path app = Files.createDirectories(opt.resolve("lib/app"));
        Files.writeString(app.resolve("codebook-studio.jar"), "jar");
        Path model = Files.createDirectories(app.resolve("assets/models/default"));
        Files.writeString(model.resolve("model.json"), "{}");
        Path launcher = opt.resolve("bin/codebook-studio");
        Path elsewhere = Files.createDirectories(temp.resolve("home"));

        // started by the launcher: the jar is first on the class path, and the launcher is known
        List<Path> byLauncher = BundledModel.candidates(null,
                app.resolve("codebook-studio.jar") + File.pathSeparator + app.resolve("lib/api.jar"),
                launcher.toString(), elsewhere);
        assertEquals(Optional.of(model), BundledModel.firstModel(byLauncher));

        // even when the class path starts elsewhere (a library jar first), the launcher's folder is enough
        List<Path> launcherOnly = BundledModel.candidates(null, elsewhere.resolve("other.jar").toString(),
                launcher.toString(), elsewhere);
        assertTrue(launcherOnly.contains(model), launcherOnly.toString());
        assertEquals(Optional.of(model), BundledModel.firstModel(launcherOnly));
    }

    @Test
    void thePropertyComesFirstAndTheWorkingFolderLast() {
        Path work = temp.resolve("work");
        List<Path> c = BundledModel.candidates("/somewhere/model", "", null, work);
        assertEquals(Path.of("/somewhere/model"), c.get(0));
        assertEquals(work.resolve("assets/models/default"), c.get(c.size() - 1));
    }
}
