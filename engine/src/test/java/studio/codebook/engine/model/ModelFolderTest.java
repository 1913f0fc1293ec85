package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    @TempDir
    Path dir;

    private ModelConfig tiny() {
        return ModelPresets.architecture("tiny", "rvq", "tiny-test").withProvenance(Provenance.randomInit("test", 1));
    }

    @Test
    void configRoundTrips() throws Exception {
        ModelConfig config = tiny();
        ModelFolder.writeConfig(dir, config);
        ModelConfig back = ModelFolder.readConfig(dir);
        assertEquals(config, back);
        assertEquals(50.0, back.frameRate());
        assertEquals(320, back.hopLength());
    }

    @Test
    void unknownSchemaVersionIsNamed() throws Exception {
        ModelFolder.writeConfig(dir, tiny());
        Path file = dir.resolve(ModelFolder.CONFIG_FILE);
        Files.writeString(file, Files.readString(file).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFolder.readConfig(dir));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("schema version 7"), e.getMessage());
    }

    @Test
    void inconsistentOrMistypedFieldsAreNamed() throws Exception {
        ModelFolder.writeConfig(dir, tiny());
        Path file = dir.resolve(ModelFolder.CONFIG_FILE);
        String good = Files.readString(file);

        Files.writeString(file, good.replace("\"frameRate\" : 50.0", "\"frameRate\" : 75.0"));
        ModelFileException rate = assertThrows(ModelFileException.class, () -> ModelFolder.readConfig(dir));
        assertTrue(rate.getMessage().contains("frameRate"), rate.getMessage());

        Files.writeString(file, good.replace("\"codebookSize\" : 64,", "\"codebookSize\" : \"big\","));
        ModelFileException type = assertThrows(ModelFileException.class, () -> ModelFolder.readConfig(dir));
        assertTrue(type.getMessage().contains("codebookSize"), type.getMessage());

        Files.writeString(file, good.replace("\"kind\" : \"rvq\"", "\"kind\" : \"lfq\""));
        ModelFileException kind = assertThrows(ModelFileException.class, () -> ModelFolder.readConfig(dir));
        assertTrue(kind.getMessage().contains("rvq"), kind.getMessage());

        Files.writeString(file, good.replace("\"name\"", "\"nmae\""));
        ModelFileException typo = assertThrows(ModelFileException.class, () -> ModelFolder.readConfig(dir));
        assertTrue(typo.getMessage().contains("nmae"), typo.getMessage());

        Files.writeString(file, good.substring(0, good.length() / 2));
        ModelFileException cut = assertThrows(ModelFileException.class, () -> ModelFolder.readConfig(dir));
        assertTrue(cut.getMessage().contains("not valid JSON"), cut.getMessage());
    }

    @Test
    void missingFolderAndFileAreNamed() throws Exception {
        ModelFileException none = assertThrows(ModelFileException.class,
                () -> ModelFolder.readConfig(dir.resolve("nowhere")));
        assertTrue(none.getMessage().contains("nowhere"), none.getMessage());
        ModelFileException noJson = assertThrows(ModelFileException.class, () -> ModelFolder.readConfig(dir));
        assertTrue(noJson.getMessage().contains("model.json") && noJson.getMessage().contains("missing"),
                noJson.getMessage());
    }
}
