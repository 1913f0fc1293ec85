package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.MusicModel;

/** {@code train decoder} end to end: a few steps on a tiny model keep its codes and change its decoder. */
class TrainDecoderCommandTest {

    @TempDir
    Path dir;

    @Test
    void refinesTheDecoderAndKeepsTheCodes() throws Exception {
        refine(false);
    }

    @Test
    void anAdversarialRefinementAlsoKeepsTheCodes() throws Exception {
        refine(true);
    }

    private void refine(boolean adversarial) throws Exception {
        Path model = dir.resolve("tiny");
        CliRun.tinyModel(model, 3);
        Path data = dir.resolve("tracks");
        Files.createDirectories(data);
        Random random = new Random(2);
        float[] probe = null;
        for (int f = 0; f < 6; f++) {
            float[] x = new float[16_000];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (110 + 55 * f) * i / 16_000.0) + 0.02 * random.nextGaussian());
            }
            WavWriter.write(AudioClip.mono(x, 16_000), data.resolve("t" + f + ".wav"), 16);
            probe = x;
        }
        Path out = dir.resolve("refined");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "decoder", "--model",
                model.toString(), "--out", out.toString(), "--data", data.toString(), "--steps", "3", "--batch", "2",
                "--segment-seconds", "0.5", "--sisnr-weight", "1", "--mel-weight", "1.5", "--no-progress"));
        if (adversarial) {
            args.add("--adversarial");
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("wrote " + out), r.out());
        assertTrue(r.err().matches("(?s).*step 3 validation loss [0-9.]+( \\(best\\))?, SI-SNR -?[0-9.]+ dB, "
                + "frame-rate comb [0-9.]+ %.*"), r.err());
        AudioClip clip = AudioClip.mono(probe, 16_000);
        try (MusicModel before = MusicModel.load(model, Device.cpu());
                MusicModel after = MusicModel.load(out, Device.cpu())) {
            assertEquals(before.codec().encode(clip), after.codec().encode(clip));
            boolean decoderChanged = false;
            var a = before.codec().block().getParameters();
            var b = after.codec().block().getParameters();
            for (int i = 0; i < a.size(); i++) {
                Pair<String, Parameter> p = a.get(i);
                float[] x = p.getValue().getArray().toFloatArray();
                float[] y = b.get(i).getValue().getArray().toFloatArray();
                if (p.getKey().startsWith("03decoder")) {
                    decoderChanged |= !java.util.Arrays.equals(x, y);
                } else {
                    assertArrayEquals(x, y, 0f, p.getKey());
                }
            }
            assertTrue(decoderChanged);
            var hyper = after.config().provenance().hyperparameters();
            assertEquals(Boolean.TRUE, hyper.get("decoderOnly"), hyper.toString());
            assertEquals(1.0, ((Number) hyper.get("reconstruction.siSnrWeight")).doubleValue());
            assertEquals(1.5, ((Number) hyper.get("reconstruction.melWeight")).doubleValue());
            assertEquals(adversarial, hyper.get("adversarial"), hyper.toString());
            assertNotEquals(before.hash(), after.hash());
        }
    }

    @Test
    void aSpectralDecoderReplacesTheSeanetOneOnTheSameCodes() throws Exception {
        Path model = dir.resolve("tiny");
        CliRun.tinyModel(model, 3);
        Path data = dir.resolve("tracks");
        Files.createDirectories(data);
        float[] probe = new float[16_000];
        for (int f = 0; f < 4; f++) {
            for (int i = 0; i < probe.length; i++) {
                probe[i] = (float) (0.3 * Math.sin(2 * Math.PI * (220 + 110 * f) * i / 16_000.0));
            }
            WavWriter.write(AudioClip.mono(probe, 16_000), data.resolve("t" + f + ".wav"), 16);
        }
        Path out = dir.resolve("spectral");
        CliRun r = CliRun.of("train", "decoder", "--model", model.toString(), "--out", out.toString(), "--data",
                data.toString(), "--steps", "2", "--batch", "2", "--segment-seconds", "0.5", "--spectral", "--no-progress");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("new spectral decoder"), r.out());
        AudioClip clip = AudioClip.mono(probe, 16_000);
        try (MusicModel before = MusicModel.load(model, Device.cpu());
                MusicModel after = MusicModel.load(out, Device.cpu())) {
            assertEquals(null, before.config().codec().spectralDecoder());
            assertEquals(studio.codebook.engine.codec.SpectralDecoderConfig.defaults(),
                    after.config().codec().spectralDecoder());
            assertEquals(before.codec().encode(clip), after.codec().encode(clip));
            var a = before.lm().getParameters();
            var b = after.lm().getParameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).getValue().getArray().toFloatArray(),
                        b.get(i).getValue().getArray().toFloatArray(), 0f, a.get(i).getKey());
            }
            float[] decoded = after.codec().decode(after.codec().encode(clip), 4).channel(0);
            assertEquals(16_000, decoded.length);
            assertTrue(java.util.Arrays.stream(new int[] {0, 4_000, 8_000, 15_999})
                    .allMatch(i -> Float.isFinite(decoded[i])));
        }
        // a second run refines the spectral decoder it finds (no new one)
        Path again = dir.resolve("again");
        CliRun r2 = CliRun.of("train", "decoder", "--model", out.toString(), "--out", again.toString(), "--data",
                data.toString(), "--steps", "1", "--batch", "2", "--segment-seconds", "0.5", "--spectral", "--no-progress");
        assertEquals(0, r2.code(), r2.out() + r2.err());
        assertTrue(!r2.out().contains("new spectral decoder"), r2.out());
    }
}
