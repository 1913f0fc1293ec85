package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.ModelFolder;

/** {@code train lm --pattern flatten}: the joint reference arm of the experiment, on a tiny model. */
class TrainLmPatternTest {

    @TempDir
    Path dir;

    @Test
    void trainsAFlattenLanguageModelOnAnotherModelsCodecWithoutTouchingIt() throws Exception {
        Path tracks = chords("tracks", 180, 40);
        Path base = CliRun.tinyModel(dir.resolve("base"), 1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String baseJson = Files.readString(base.resolve(ModelFolder.CONFIG_FILE));

        Path flat = dir.resolve("flat");
        int code = FinetuneCommandTest.run(out, err, "train", "lm", "--data", tracks.toString(), "--model", base.toString(),
                "--out", flat.toString(), "--pattern", "flatten", "--steps", "2", "--batch", "2", "--frames", "20",
                "--max-validation", "1", "--no-progress");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().matches("(?s).* 1 validation segments of [0-9.]+ s \\(evenly spaced over [2-9][0-9]*\\).*"),
                out.toString());
        assertEquals("flatten", ModelFolder.readConfig(flat).pattern());
        assertEquals("delay", ModelFolder.readConfig(base).pattern());
        assertEquals(baseJson, Files.readString(base.resolve(ModelFolder.CONFIG_FILE)), "the base model is only read");
        assertNotEquals(ModelFolder.readConfig(base).lm(), null);

        int bad = FinetuneCommandTest.run(out, err, "train", "lm", "--data", tracks.toString(), "--model", base.toString(),
                "--out", dir.resolve("x").toString(), "--pattern", "zigzag", "--steps", "1", "--no-progress");
        assertNotEquals(0, bad);
        assertTrue(err.toString().contains("--pattern must be delay, flatten or parallel"), err.toString());
    }

    @Test
    void freezeTextTrainsOnlyTheTextEncodersOutputProjectionAndContextNoiseReachesTheTrainer() throws Exception {
        Path tracks = chords("tracks2", 200, 30);
        Path base = CliRun.tinyModel(dir.resolve("base2"), 1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path trained = dir.resolve("frozen-text");
        assertEquals(0, FinetuneCommandTest.run(out, err, "train", "lm", "--data", tracks.toString(), "--model", base.toString(),
                "--out", trained.toString(), "--freeze-text", "--context-noise", "0.25", "--learning-rate", "3e-3",
                "--steps", "3", "--batch", "2", "--frames", "20", "--no-progress"), err.toString());
        Path checkpoints = dir.resolve("frozen-text.run").resolve("checkpoints");
        String latest = Files.readString(checkpoints.resolve("latest")).trim();
        var state = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                checkpoints.resolve(latest).resolve("trainer.json").toFile());
        assertEquals(0.25, state.at("/config/contextNoise").asDouble(), state.toString());
        var before = studio.codebook.engine.model.SafeTensors.read(base.resolve(ModelFolder.TEXT_WEIGHTS_FILE)).tensors();
        var after = studio.codebook.engine.model.SafeTensors.read(trained.resolve(ModelFolder.TEXT_WEIGHTS_FILE)).tensors();
        int changed = 0;
        for (var e : before.entrySet()) {
            boolean same = java.util.Arrays.equals(e.getValue().toFloats(), after.get(e.getKey()).toFloats());
            if (e.getKey().startsWith("output.")) {
                if (!same) {
                    changed++;
                }
            } else {
                assertTrue(same, e.getKey() + " must stay frozen");
            }
        }
        assertEquals(2, changed, "the output projection (weight and bias) trains");
    }

    @Test
    void beatGivesTheLanguageModelAClockFromTheTracksTempoAndGenerateFollowsThePrompts() throws Exception {
        Path tracks = chords("tracks3", 190, 35);
        for (int i = 0; i < 3; i++) {
            Files.writeString(tracks.resolve("t" + i + ".json"),
                    "{\"caption\": \"a chord, " + (100 + 10 * i) + " BPM\", \"bpm\": " + (100 + 10 * i) + "}");
        }
        Path base = CliRun.tinyModel(dir.resolve("base3"), 1);
        String baseJson = Files.readString(base.resolve(ModelFolder.CONFIG_FILE));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path beat = dir.resolve("beat");
        assertEquals(0, FinetuneCommandTest.run(out, err, "train", "lm", "--data", tracks.toString(), "--model", base.toString(),
                "--out", beat.toString(), "--beat", "--learning-rate", "3e-3", "--steps", "3", "--batch", "2",
                "--frames", "20", "--no-progress"), err.toString());
        assertTrue(ModelFolder.readConfig(beat).lm().beat());
        assertEquals(baseJson, Files.readString(base.resolve(ModelFolder.CONFIG_FILE)), "the base model is only read");
        float[] w = studio.codebook.engine.model.SafeTensors.read(beat.resolve(ModelFolder.LM_WEIGHTS_FILE)).tensors()
                .get("beat.weight").toFloats();
        assertTrue(java.util.Arrays.stream(toDoubles(w)).anyMatch(v -> v != 0), "the clock's projection was trained");

        Path clip = dir.resolve("clip.wav");
        assertEquals(0, FinetuneCommandTest.run(out, err, "generate", "--model", beat.toString(), "--prompt",
                "a chord, 120 BPM", "--duration", "0.5", "--seed", "1", "--out", clip.toString(), "--no-progress"),
                err.toString());
        assertTrue(Files.size(clip) > 1000);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Three 2-s chords, rooted at {@code root}, {@code root + step}, {@code root + 2 step} Hz, in a new folder. */
    private Path chords(String folder, int root, int step) throws Exception {
        Path tracks = Files.createDirectories(dir.resolve(folder));
        for (int i = 0; i < 3; i++) {
            WavWriter.write(FinetuneCommandTest.chord(root + step * i, 2.0, 16_000, i), tracks.resolve("t" + i + ".wav"), 16);
        }
        return tracks;
    }
}
