package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
