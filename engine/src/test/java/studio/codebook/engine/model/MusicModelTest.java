package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.codec.SpectralDecoderConfig;

class MusicModelTest {

    @TempDir
    Path dir;

    static ModelConfig tiny(String kind) {
        return ModelPresets.architecture("tiny", kind, "tiny-" + kind).withProvenance(Provenance.randomInit("test", 11));
    }

    static AudioClip music(long seed) {
        Random random = new Random(seed);
        float[] x = new float[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 220 * i / 16_000.0) + 0.05 * random.nextGaussian());
        }
        return AudioClip.mono(x, 16_000);
    }

    /** Moves the quantizer's EMA state away from its initial values, as training would. */
    static void trainQuantizer(CompressionModel codec) {
        try (NDManager scope = codec.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            for (int i = 0; i < 3; i++) {
                float[] x = new float[16_000];
                AudioClip clip = music(100 + i);
                System.arraycopy(clip.channel(0), 0, x, 0, x.length);
                NDArray audio = scope.create(x, new Shape(1, 1, x.length));
                NDArray latent = codec.block().encoder().forward(ps, new NDList(audio), false).singletonOrThrow();
                codec.block().quantizer().quantize(ps, latent, true);
            }
        }
    }

    @Test
    void saveThenLoadGivesBitIdenticalCodesAndAudio() throws Exception {
        for (String kind : new String[] {"rvq", "pvq"}) {
            Path folder = dir.resolve(kind);
            try (MusicModel original = MusicModel.create(tiny(kind), Device.cpu(), 11)) {
                trainQuantizer(original.codec());
                original.saveTo(folder);
                Codes codes = original.codec().encode(music(1));
                float[] audio = original.codec().decode(codes, 4).channel(0);
                try (MusicModel loaded = MusicModel.load(folder, Device.cpu())) {
                    assertEquals(original.hash(), loaded.hash());
                    assertEquals(original.config(), loaded.config());
                    assertEquals(codes, loaded.codec().encode(music(1)));
                    assertArrayEquals(audio, loaded.codec().decode(codes, 4).channel(0), 0f);
                }
                // a fresh model with the same seed but untrained codebooks encodes differently: the EMA state was saved
                try (MusicModel fresh = MusicModel.create(tiny(kind), Device.cpu(), 11)) {
                    assertNotEquals(codes, fresh.codec().encode(music(1)));
                }
            }
        }
    }

    @Test
    void brokenFoldersGiveOneClearErrorNamingTheFile() throws Exception {
        Path folder = dir.resolve("m");
        try (MusicModel m = MusicModel.create(tiny("rvq"), Device.cpu(), 11)) {
            m.saveTo(folder);
        }
        Path weights = folder.resolve(ModelFolder.CODEC_WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);

        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 100));
        ModelFileException truncated = assertThrows(ModelFileException.class, () -> MusicModel.load(folder, Device.cpu()));
        assertTrue(truncated.getMessage().contains("codec.safetensors") && truncated.getMessage().contains("truncated"),
                truncated.getMessage());

        Files.delete(weights);
        ModelFileException missing = assertThrows(ModelFileException.class, () -> MusicModel.load(folder, Device.cpu()));
        assertTrue(missing.getMessage().contains("codec.safetensors") && missing.getMessage().contains("missing"),
                missing.getMessage());

        // weights of another architecture (a wider codec) under this model.json
        Files.write(weights, bytes);
        Path json = folder.resolve(ModelFolder.CONFIG_FILE);
        Files.writeString(json, Files.readString(json).replace("\"filters\" : 4", "\"filters\" : 6"));
        ModelFileException shape = assertThrows(ModelFileException.class, () -> MusicModel.load(folder, Device.cpu()));
        assertTrue(shape.getMessage().contains("codec.safetensors") && shape.getMessage().contains("shape"),
                shape.getMessage());
    }

    @Test
    void aSpectralDecoderKeepsTheCodesAndTheLanguageModelAndIsSavedWithTheModel() throws Exception {
        SpectralDecoderConfig size = new SpectralDecoderConfig(16, 32, 2, 3, 4, false);
        try (MusicModel original = MusicModel.create(tiny("rvq"), Device.cpu(), 11)) {
            trainQuantizer(original.codec());
            Codes codes = original.codec().encode(music(1));
            float[] seanet = original.codec().decode(codes, 4).channel(0);
            try (MusicModel spectral = original.withDecoder(size, 5)) {
                assertEquals(size, spectral.config().codec().spectralDecoder());
                assertTrue(spectral.config().codec().sameEncoder(original.config().codec()));
                assertEquals(codes, spectral.codec().encode(music(1)));
                var lmBefore = original.lm().getParameters();
                var lmAfter = spectral.lm().getParameters();
                for (int i = 0; i < lmBefore.size(); i++) {
                    assertArrayEquals(lmBefore.get(i).getValue().getArray().toFloatArray(),
                            lmAfter.get(i).getValue().getArray().toFloatArray(), 0f, lmBefore.get(i).getKey());
                }
                float[] audio = spectral.codec().decode(codes, 4).channel(0);
                assertEquals(seanet.length, audio.length);
                assertFalse(Arrays.equals(seanet, audio));

                Path folder = dir.resolve("spectral");
                spectral.saveTo(folder);
                assertTrue(Files.readString(folder.resolve(ModelFolder.CONFIG_FILE)).contains("\"spectralDecoder\""));
                try (MusicModel loaded = MusicModel.load(folder, Device.cpu())) {
                    assertEquals(spectral.config(), loaded.config());
                    assertArrayEquals(audio, loaded.codec().decode(codes, 4).channel(0), 0f);
                }

                // the original takes the spectral decoder: a new model, this one unchanged
                try (MusicModel adopted = original.adoptDecoder(spectral)) {
                    assertNotSame(original, adopted);
                    assertArrayEquals(audio, adopted.codec().decode(codes, 4).channel(0), 0f);
                    assertArrayEquals(seanet, original.codec().decode(codes, 4).channel(0), 0f);
                }
            }
            Path plain = dir.resolve("plain");
            original.saveTo(plain);
            assertFalse(Files.readString(plain.resolve(ModelFolder.CONFIG_FILE)).contains("spectralDecoder"));
        }
    }
}
