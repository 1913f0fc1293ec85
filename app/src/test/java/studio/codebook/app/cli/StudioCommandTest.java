package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.codec.CodesFile;

/** The command line end to end on a tiny random model: exit codes, files written, messages. */
class StudioCommandTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void tinyModel() {
        model = dir.resolve("tiny");
        CliRun.tinyModel(model, 3);
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        assertTrue(Files.isRegularFile(model.resolve("codec.safetensors")));
    }

    private static Path tone(String name, int rate, int channels, double seconds) throws Exception {
        int n = (int) Math.round(rate * seconds);
        float[][] samples = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                samples[c][i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
            }
        }
        Path file = dir.resolve(name);
        WavWriter.write(new AudioClip(samples, rate), file, 16);
        return file;
    }

    @Test
    void infoDescribesTheModel() {
        CliRun r = CliRun.of("info", "--model", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 codebooks x 64 entries"), r.out());
        assertTrue(r.out().contains("50.0 frames/s"), r.out());
        assertTrue(r.out().contains("model init --preset tiny"), r.out());
    }

    @Test
    void encodeDecodeAnalyzeRoundTrip() throws Exception {
        Path wav = tone("in.wav", 22_050, 2, 1.3);
        Path codes = dir.resolve("in.codes.json");
        CliRun enc = CliRun.of("encode", wav.toString(), "--model", model.toString(), "--out", codes.toString());
        assertEquals(0, enc.code(), enc.err());
        CodesFile file = CodesFile.read(codes);
        assertEquals(4, file.codes().numCodebooks());
        assertEquals((int) Math.ceil(file.samples() / 320.0), file.codes().numFrames());
        assertEquals(16_000, file.sampleRate());

        Path out = dir.resolve("out.wav");
        CliRun dec = CliRun.of("decode", codes.toString(), "--model", model.toString(), "--out", out.toString(),
                "--codebooks", "2", "--bits", "24");
        assertEquals(0, dec.code(), dec.err());
        AudioClip back = AudioReader.read(out);
        assertEquals(16_000, back.sampleRate());
        assertEquals(file.samples(), back.numFrames());

        CliRun text = CliRun.of("analyze", wav.toString(), codes.toString(), "--model", model.toString());
        assertEquals(0, text.code(), text.err());
        CliRun json = CliRun.of("analyze", wav.toString(), "--model", model.toString(), "--json", "--offset", "2");
        assertEquals(0, json.code(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(4, root.at("/report/numCodebooks").asInt());
        assertEquals(3, root.at("/report/mutualInformation").size());
    }

    @Test
    void generateWritesWavsAndSidecars() throws Exception {
        Path out = dir.resolve("gen.wav");
        CliRun r = CliRun.of("generate", "--prompt", "warm lo-fi piano over brushed drums, 80 BPM", "--duration", "0.6",
                "--seed", "5", "--variants", "2", "--top-k", "50", "--cfg", "2.5", "--window", "0.5",
                "--model", model.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        for (int v = 1; v <= 2; v++) {
            AudioClip clip = AudioReader.read(dir.resolve("gen-" + v + ".wav"));
            assertEquals(16_000, clip.sampleRate());
            assertEquals(30 * 320, clip.numFrames());
            JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("gen-" + v + ".json").toFile());
            assertEquals("warm lo-fi piano over brushed drums, 80 BPM", sidecar.at("/params/prompt").asText());
            assertEquals(50, sidecar.at("/params/topK").asInt());
            assertEquals(2.5, sidecar.at("/params/cfgScale").asDouble());
            assertEquals(0.5, sidecar.at("/params/windowSeconds").asDouble());
            assertEquals(5 + v - 1, sidecar.at("/seed").asLong());
            assertEquals("tiny-rvq-3", sidecar.at("/modelId").asText());
            assertEquals(16, sidecar.at("/modelHash").asText().length());
            assertTrue(sidecar.at("/timings/steps").asInt() > 0);
        }

        Path cont = dir.resolve("cont.wav");
        CliRun c = CliRun.of("generate", "--prompt", "", "--duration", "0.4", "--continue", dir.resolve("gen-1.wav").toString(),
                "--model", model.toString(), "--out", cont.toString(), "--no-progress");
        assertEquals(0, c.code(), c.err());
        assertEquals((30 + 20) * 320, AudioReader.read(cont).numFrames());
    }

    @Test
    void generateWithoutAModelSaysHowToGetOne() {
        CliRun r = CliRun.of("generate", "--prompt", "x", "--out", dir.resolve("none.wav").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no default model") && r.err().contains("--model"), r.err());
        CliRun bad = CliRun.of("generate", "--prompt", "x", "--duration", "-3", "--model", model.toString(), "--out",
                dir.resolve("none.wav").toString());
        assertEquals(2, bad.code(), bad.err());
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        for (String[] args : new String[][] {
            {"encode", "x.wav"},
            {"model", "init", "--preset", "huge", "--out", dir.resolve("h").toString()},
            {"decode", "x.json", "--out", "y.wav", "--bits", "20"},
            {"no-such-command"},
        }) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void badInputFilesExitOneNamingTheFile() throws Exception {
        Path garbage = dir.resolve("garbage.wav");
        Files.writeString(garbage, "this is not audio at all, just words in a file");
        CliRun r = CliRun.of("encode", garbage.toString(), "--model", model.toString(), "--out",
                dir.resolve("g.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("garbage.wav"), r.err());
        assertTrue(Files.notExists(dir.resolve("g.json")));

        CliRun noModel = CliRun.of("info", "--model", dir.resolve("missing-model").toString());
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("missing-model"), noModel.err());

        CliRun again = CliRun.of("model", "init", "--preset", "tiny", "--out", model.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("--force"), again.err());
    }
}
