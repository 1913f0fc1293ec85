package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Manifest;
import studio.codebook.training.data.SkipKind;
import studio.codebook.training.data.SkippedFile;

/**
 * The musician's path end to end: a folder with WAV, FLAC, MP3 and OGG tracks, a corrupt file and a text
 * file; {@code finetune} for a few steps on a tiny model; the manifest, the skip reasons, the checkpoints,
 * the provenance, and the user's folder untouched.
 */
class FinetuneCommandTest {

    @TempDir
    Path dir;

    static int run(StringWriter out, StringWriter err, String... args) {
        return StudioCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    static AudioClip chord(double rootHz, double seconds, int rate, long seed) {
        Random random = new Random(seed);
        int n = (int) (rate * seconds);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * rootHz * t) + 0.2 * Math.sin(2 * Math.PI * rootHz * 1.25 * t)
                    + 0.15 * Math.sin(2 * Math.PI * rootHz * 1.5 * t) + 0.01 * random.nextGaussian());
        }
        return AudioClip.mono(x, rate);
    }

    static boolean tool(String name) {
        try {
            return new ProcessBuilder("which", name).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    static Map<Path, byte[]> snapshot(Path folder) throws Exception {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(p), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void finetuneOnAFolderOfMixedFormats() throws Exception {
        assumeTrue(tool("flac") && tool("lame") && tool("oggenc"), "flac, lame and oggenc are needed (.ci/run installs them)");
        Path tracks = Files.createDirectories(dir.resolve("my tracks"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        WavWriter.write(chord(220, 3, 22_050, 1), tracks.resolve("one.wav"), 16);
        Files.writeString(tracks.resolve("one.txt"), "warm piano chords, 90 BPM");
        WavWriter.write(chord(262, 3, 44_100, 2), scratch.resolve("two.wav"), 16);
        exec("flac", "--silent", "-o", tracks.resolve("two.flac").toString(), scratch.resolve("two.wav").toString());
        WavWriter.write(chord(330, 3, 44_100, 3), scratch.resolve("three.wav"), 16);
        Files.createDirectories(tracks.resolve("album"));
        exec("lame", "--quiet", "-b", "128", scratch.resolve("three.wav").toString(),
                tracks.resolve("album/three.mp3").toString());
        WavWriter.write(chord(196, 3, 44_100, 4), scratch.resolve("four.wav"), 16);
        exec("oggenc", "--quiet", "-o", tracks.resolve("album/four.ogg").toString(), scratch.resolve("four.wav").toString());
        byte[] junk = new byte[5000];
        new Random(5).nextBytes(junk);
        Files.write(tracks.resolve("broken.wav"), junk);
        Files.writeString(tracks.resolve("notes.pdf"), "not music");
        Map<Path, byte[]> before = snapshot(tracks);

        Path base = dir.resolve("base");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "model", "init", "--preset", "tiny", "--out", base.toString()), err.toString());

        Path tuned = dir.resolve("tuned");
        out = new StringWriter();
        err = new StringWriter();
        int code = run(out, err, "finetune", "--base", base.toString(), "--data", tracks.toString(), "--out",
                tuned.toString(), "--steps", "2", "--batch", "2", "--frames", "25", "--segment-seconds", "0.5",
                "--independence-weight", "0.5", "--stft-weight", "0.5", "--freeze-text", "--no-progress");
        assertEquals(0, code, out + "\n" + err);

        // the user's folder is exactly as it was
        Map<Path, byte[]> after = snapshot(tracks);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((p, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(p)), p + " changed"));

        // the manifest lists every track and every skipped file with its reason
        Path runDir = dir.resolve("tuned.run");
        Manifest manifest = Manifest.read(runDir.resolve("manifest.json"));
        assertEquals(4, manifest.tracks().size(), manifest.toJson());
        Map<String, SkipKind> skipped = new HashMap<>();
        for (SkippedFile s : manifest.skipped()) {
            skipped.put(s.relativePath(), s.kind());
            assertTrue(!s.reason().isBlank());
        }
        assertEquals(SkipKind.NOT_AUDIO, skipped.get("notes.pdf"), skipped.toString());
        assertTrue(skipped.containsKey("broken.wav"), skipped.toString());
        assertTrue(err.toString().contains("broken.wav"), err.toString());
        assertTrue(manifest.toJson().contains("warm piano chords, 90 BPM"));

        // checkpoints of both phases, and a model that loads with its provenance
        for (String phase : new String[] {"codec", "lm"}) {
            Path checkpoints = runDir.resolve(phase).resolve("checkpoints");
            assertTrue(Files.isRegularFile(checkpoints.resolve("latest")), phase);
            String latest = Files.readString(checkpoints.resolve("latest")).trim();
            assertTrue(Files.isRegularFile(checkpoints.resolve(latest).resolve("model/model.json")), phase);
        }
        // the loss weights and the frozen text encoder reached the trainers
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String codecLatest = Files.readString(runDir.resolve("codec/checkpoints/latest")).trim();
        String lmLatest = Files.readString(runDir.resolve("lm/checkpoints/latest")).trim();
        var codecState = json.readTree(runDir.resolve("codec/checkpoints").resolve(codecLatest).resolve("trainer.json").toFile());
        var lmState = json.readTree(runDir.resolve("lm/checkpoints").resolve(lmLatest).resolve("trainer.json").toFile());
        assertEquals(0.5, codecState.at("/config/reconstruction/stftWeight").asDouble(), codecState.toString());
        assertEquals(0.5, codecState.at("/config/independence/weight").asDouble());
        assertTrue(lmState.at("/config/freezeTextEncoder").asBoolean(), lmState.toString());
        try (MusicModel model = MusicModel.load(tuned, Device.cpu())) {
            var provenance = model.config().provenance();
            assertEquals("tiny-rvq-1", provenance.baseModel());
            assertTrue(provenance.data().contains(manifest.hash()) || provenance.data().startsWith("manifest "),
                    provenance.data());
            assertEquals(2, provenance.steps());
        }
    }
}
