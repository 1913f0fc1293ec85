package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;

/** {@code evaluate} end to end on a tiny random model and a folder of short generated WAVs. */
class EvaluateCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path data;

    @BeforeAll
    static void modelAndData() throws Exception {
        model = dir.resolve("tiny");
        CliRun.tinyModel(model, 3);
        data = dir.resolve("held-out");
        Files.createDirectories(data.resolve("sub"));
        tones(data.resolve("a.wav"), 16_000, 1, 1.2, 220, 1);
        tones(data.resolve("b.wav"), 22_050, 2, 1.0, 330, 2); // resampled and down-mixed by the scan
        tones(data.resolve("sub/c.wav"), 16_000, 1, 0.8, 440, 3);
        Files.writeString(data.resolve("c.txt"), "bright lead"); // no matching track: not audio
        Files.write(data.resolve("broken.wav"), "RIFF not really a wave file".getBytes());
    }

    private static void tones(Path file, int rate, int channels, double seconds, double freq, long seed)
            throws Exception {
        Random random = new Random(seed);
        int n = (int) Math.round(rate * seconds);
        float[][] samples = new float[channels][n];
        for (int i = 0; i < n; i++) {
            double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * i / rate);
            float v = (float) (env * (0.3 * Math.sin(2 * Math.PI * freq * i / rate)
                    + 0.15 * Math.sin(2 * Math.PI * 1.5 * freq * i / rate)) + 0.02 * random.nextGaussian());
            for (int c = 0; c < channels; c++) {
                samples[c][i] = v;
            }
        }
        WavWriter.write(new AudioClip(samples, rate), file, 16);
    }

    @Test
    void evaluatesEveryUsableSegmentWritesJsonAndListsSkippedFiles() throws Exception {
        Path json = dir.resolve("report.json");
        long start = System.nanoTime();
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json", json.toString(),
                "--segment-seconds", "0.4", "--permutations", "3");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.code(), r.err());
        System.out.printf("evaluate on 3 tracks: %.2f s%n%s%n%s", seconds, r.err(), r.out());
        assertTrue(r.err().contains("skipped broken.wav: not a WAV file"), r.err());
        assertTrue(r.err().contains("skipped c.txt: not an audio file"), r.err());
        assertTrue(r.out().contains("Reconstruction by codebooks used"), r.out());
        assertTrue(r.out().contains("Language model NLL"), r.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("tiny-rvq-3", root.at("/modelId").asText());
        assertEquals(16_000, root.at("/sampleRate").asInt());
        assertEquals(3, root.at("/tracks").asInt());
        // a: 1.2 s → 3 segments of 0.4 s, b: 1.0 s → 2 (tail dropped), c: 0.8 s → 2
        assertEquals(7, root.at("/segments").asInt());
        assertEquals(7, root.at("/codec/perSegment").size());
        assertEquals(4, root.at("/codec/bandwidth").size());
        for (JsonNode p : root.at("/codec/bandwidth")) {
            assertTrue(Double.isFinite(p.get("siSnrDb").asDouble()) && p.get("melDistance").asDouble() > 0);
        }
        assertEquals(2, root.at("/codec/mmd").size());
        assertEquals(3, root.at("/codec/mmd/0/unclamped").size());
        assertEquals(4, root.at("/codec/codes/codebooks").size());
        assertEquals(7 * 20, root.at("/codec/codes/frames").asLong());
        assertEquals(4, root.at("/lm/codebooks").size());
        double nats = root.at("/lm/meanNats").asDouble();
        assertTrue(nats > 3 && nats < 5.5, "random LM near ln 64: " + nats);
        assertEquals(2, root.at("/skipped").size());
        assertEquals("broken.wav", root.at("/skipped/0/relativePath").asText());
    }

    @Test
    void maxSegmentsSpreadsTheChoice() throws Exception {
        Path json = dir.resolve("few.json");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json", json.toString(),
                "--segment-seconds", "0.4", "--max-segments", "2", "--permutations", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("(7 available)"), r.err());
        assertEquals(2, new ObjectMapper().readTree(json.toFile()).at("/segments").asInt());
    }

    @Test
    void codecOnlyModelSkipsTheLanguageModel() throws Exception {
        ModelConfig full = ModelPresets.architecture("tiny", "rvq", "tiny-codec");
        Path codecDir = dir.resolve("codec-only");
        try (MusicModel m = MusicModel.create(ModelConfig.of(full.id(), full.name(), full.sampleRate(), full.codec(),
                full.quantizer(), null), Device.cpu(), 5)) {
            m.saveTo(codecDir);
        }
        Path json = dir.resolve("codec.json");
        CliRun r = CliRun.of("evaluate", "--model", codecDir.toString(), "--data", data.toString(), "--json",
                json.toString(), "--segment-seconds", "0.4", "--permutations", "1");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("Language model NLL"), r.out());
        assertTrue(r.out().contains("codec-only"), r.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertTrue(root.at("/lm").isNull());
    }

    @Test
    void missingModelOrDataIsExitOneAndBadArgumentsExitTwo() {
        CliRun noModel = CliRun.of("evaluate", "--model", dir.resolve("nowhere").toString(), "--data", data.toString());
        assertEquals(1, noModel.code(), noModel.err());
        assertTrue(noModel.err().startsWith("error: "), noModel.err());

        CliRun noData = CliRun.of("evaluate", "--model", model.toString(), "--data", dir.resolve("no-such-folder").toString());
        assertEquals(1, noData.code(), noData.err());

        Path empty = dir.resolve("empty");
        try {
            Files.createDirectories(empty);
            Files.writeString(empty.resolve("notes.md"), "nothing to hear");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        CliRun nothing = CliRun.of("evaluate", "--model", model.toString(), "--data", empty.toString());
        assertEquals(1, nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("no usable audio"), nothing.err());

        CliRun bad = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--segment-seconds", "0");
        assertEquals(2, bad.code(), bad.err());
        CliRun help = CliRun.of("evaluate", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Every usable segment of the folder is evaluated"), help.out());
    }
}
