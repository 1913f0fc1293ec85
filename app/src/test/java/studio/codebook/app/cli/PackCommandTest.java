package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.ModelFolder;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.WeightStorage;

/** {@code model pack} end to end on a tiny random model. */
class PackCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path data;

    @BeforeAll
    static void modelAndData() throws Exception {
        model = dir.resolve("tiny");
        CliRun.tinyModel(model, 3);
        data = dir.resolve("held-out");
        Files.createDirectories(data);
        Random random = new Random(4);
        for (int f = 0; f < 2; f++) {
            float[] x = new float[16_000];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (220 + 110 * f) * i / 16_000.0) + 0.02 * random.nextGaussian());
            }
            WavWriter.write(AudioClip.mono(x, 16_000), data.resolve("t" + f + ".wav"), 16);
        }
    }

    @Test
    void writesACompactCopyReportsSizesAndTheQualityChange() throws Exception {
        Path out = dir.resolve("packed");
        CliRun r = CliRun.of("model", "pack", "--model", model.toString(), "--out",
                out.toString(), "--check", data.toString(), "--segment-seconds", "0.5");
        System.out.println(r.out() + r.err());
        assertEquals(0, r.code(), r.err());
        Matcher total = Pattern.compile("total\\s+([\\d,]+)\\s+([\\d,]+)").matcher(r.out());
        assertTrue(total.find(), r.out());
        long before = Long.parseLong(total.group(1).replace(",", ""));
        long after = Long.parseLong(total.group(2).replace(",", ""));
        assertTrue(after * 2 < before, before + " -> " + after);
        assertEquals(Files.size(model.resolve(ModelFolder.LM_WEIGHTS_FILE)), Long.parseLong(lineBytes(r.out(),
                "lm.safetensors")));
        for (String line : new String[] {"SI-SNR", "mel distance", "LM NLL", "per codebook", "same codes"}) {
            assertTrue(r.out().contains(line), "no '" + line + "' in " + r.out());
        }
        try (MusicModel packed = MusicModel.load(out, Device.cpu())) {
            assertEquals(WeightStorage.COMPACT, packed.weightStorage());
        }
        CliRun info = CliRun.of("info", "--model", out.toString());
        assertTrue(info.out().contains("weights      compact"), info.out());
        // no temporary folder is left beside it
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".packed")));
        }

        CliRun again = CliRun.of("model", "pack", "--model", model.toString(), "--out",
                out.toString());
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("--force"), again.err());
        CliRun forced = CliRun.of("model", "pack", "--model", model.toString(), "--out",
                out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
    }

    @Test
    void aCorruptModelIsRefusedWithTheFileNamedAndNothingIsWritten() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        for (Path f : ModelFolder.files(model, ModelFolder.readConfig(model))) {
            Files.copy(f, broken.resolve(f.getFileName()));
        }
        byte[] lm = Files.readAllBytes(broken.resolve(ModelFolder.LM_WEIGHTS_FILE));
        Files.write(broken.resolve(ModelFolder.LM_WEIGHTS_FILE), java.util.Arrays.copyOf(lm, lm.length / 2));
        Path out = dir.resolve("never");
        CliRun r = CliRun.of("model", "pack", "--model", broken.toString(), "--out",
                out.toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("lm.safetensors") && r.err().contains("truncated"), r.err());
        assertTrue(!Files.exists(out));
    }

    private static String lineBytes(String out, String file) {
        Matcher m = Pattern.compile(Pattern.quote(file) + "\\s+([\\d,]+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1).replace(",", "");
    }

    @Test
    void takesARefinedDecoderKeepingTheCodesAndRefusesAnotherCodec() throws Exception {
        Path refined = dir.resolve("refined");
        CliRun trained = CliRun.of("train", "decoder", "--model", model.toString(),
                "--out", refined.toString(), "--data", data.toString(), "--steps", "2", "--batch", "2",
                "--segment-seconds", "0.5", "--sisnr-weight", "1", "--no-progress");
        assertEquals(0, trained.code(), trained.out() + trained.err());
        Path shipped = dir.resolve("shipped");
        CliRun r = CliRun.of("model", "pack", "--model", model.toString(), "--out",
                shipped.toString(), "--decoder-from", refined.toString(), "--id", "default", "--name", "Shipped model",
                "--check", data.toString(), "--segment-seconds", "0.5");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("decoder taken from"), r.out());
        // renamed, with another decoder: still checked against the full model it was packed from
        assertTrue(r.out().contains("quality on"), r.out());
        ModelConfig config = ModelFolder.readConfig(shipped);
        assertEquals("default", config.id());
        assertEquals("Shipped model", config.name());

        AudioClip clip = tone();
        try (MusicModel base = MusicModel.load(model, ai.djl.Device.cpu());
                MusicModel decoderSource = MusicModel.load(refined, ai.djl.Device.cpu());
                MusicModel packed = MusicModel.load(shipped, ai.djl.Device.cpu())) {
            int[][] codes = base.codec().encode(clip).codes();
            // the packed decoder is the refined one (to 8-bit precision), not the base one
            float[] fromPacked = packed.codec().decode(base.codec().encode(clip), 4).channel(0);
            float[] fromRefined = decoderSource.codec().decode(base.codec().encode(clip), 4).channel(0);
            float[] fromBase = base.codec().decode(base.codec().encode(clip), 4).channel(0);
            assertTrue(distance(fromPacked, fromRefined) < distance(fromPacked, fromBase) / 4,
                    distance(fromPacked, fromRefined) + " vs " + distance(fromPacked, fromBase));
            assertEquals(codes.length, packed.codec().encode(clip).codes().length);
        }

        Path other = dir.resolve("other");
        assertEquals(0, CliRun.of("model", "init", "--preset", "tiny", "--out", other.toString(),
                "--seed", "9").code());
        CliRun refused = CliRun.of("model", "pack", "--model", model.toString(),
                "--out", dir.resolve("mixed").toString(), "--decoder-from", other.toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("encoder differs"), refused.err());
        assertTrue(Files.notExists(dir.resolve("mixed")));
    }

    @Test
    void takesASpectralDecoderFromAModelTrainedOnTheSameCodes() throws Exception {
        Path spectral = dir.resolve("spectral-source");
        CliRun trained = CliRun.of("train", "decoder", "--model", model.toString(), "--out", spectral.toString(),
                "--data", data.toString(), "--steps", "1", "--batch", "2", "--segment-seconds", "0.5", "--spectral",
                "--no-progress");
        assertEquals(0, trained.code(), trained.out() + trained.err());
        Path shipped = dir.resolve("spectral-shipped");
        CliRun r = CliRun.of("model", "pack", "--model", model.toString(), "--out", shipped.toString(),
                "--decoder-from", spectral.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        ModelConfig config = ModelFolder.readConfig(shipped);
        assertEquals(ModelFolder.readConfig(spectral).codec(), config.codec());
        CliRun info = CliRun.of("info", "--model", shipped.toString());
        assertTrue(info.out().contains("decoder      spectral (inverse STFT): 8 blocks x 256 channels"), info.out());
        AudioClip clip = tone();
        try (MusicModel base = MusicModel.load(model, ai.djl.Device.cpu());
                MusicModel source = MusicModel.load(spectral, ai.djl.Device.cpu());
                MusicModel packed = MusicModel.load(shipped, ai.djl.Device.cpu())) {
            var codes = base.codec().encode(clip);
            float[] fromPacked = packed.codec().decode(codes, 4).channel(0);
            float[] fromSource = source.codec().decode(codes, 4).channel(0);
            float[] fromBase = base.codec().decode(codes, 4).channel(0);
            assertTrue(distance(fromPacked, fromSource) < distance(fromPacked, fromBase) / 4,
                    distance(fromPacked, fromSource) + " vs " + distance(fromPacked, fromBase));
        }
    }

    /** Half a second of a 330 Hz tone at 16 kHz. */
    private static AudioClip tone() {
        float[] x = new float[8_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 330 * i / 16_000.0));
        }
        return AudioClip.mono(x, 16_000);
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
