package studio.codebook.ui.inspect;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;

/** Tiny models, synthetic clips and a recording playback for the Inspect and Dependence tests. */
public final class InspectFixtures {

    public static final int SAMPLE_RATE = 16_000;

    private InspectFixtures() {
    }

    /**
     * A codec-only tiny model (K = 4, V = 64, 50 frames/s) whose codebooks were k-means initialised on
     * synthetic audio, so its codes vary.
     */
    public static MusicModel tinyModel(long seed) throws IOException {
        ModelConfig full = ModelPresets.architecture("tiny", "rvq", "tiny-" + seed);
        ModelConfig codecOnly = ModelConfig.of(full.id(), full.name(), full.sampleRate(), full.codec(),
                full.quantizer(), null);
        MusicModel model = MusicModel.create(codecOnly, Device.cpu(), seed);
        List<AudioClip> init = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            init.add(AudioClip.mono(tones(SAMPLE_RATE, i, seed), SAMPLE_RATE));
        }
        model.codec().initializeCodebooks(init);
        return model;
    }

    /** {@code samples} samples of two drifting tones with a little noise. */
    public static float[] tones(int samples, int variant, long seed) {
        Random random = new Random(seed * 31 + variant);
        double f1 = 110 * Math.pow(2, variant / 3.0);
        float[] x = new float[samples];
        for (int n = 0; n < samples; n++) {
            double t = n / (double) SAMPLE_RATE;
            double f = f1 * (1 + 0.5 * t);
            double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 2.5 * t);
            x[n] = (float) (env * (0.35 * Math.sin(2 * Math.PI * f * t) + 0.15 * Math.sin(2 * Math.PI * 2.01 * f * t))
                    + 0.03 * random.nextGaussian());
        }
        return x;
    }

    /** Writes a mono 16-bit WAV of {@code seconds} seconds into {@code file}. */
    public static Path writeClip(Path file, double seconds, int variant) throws IOException {
        WavWriter.write(AudioClip.mono(tones((int) Math.round(seconds * SAMPLE_RATE), variant, 7), SAMPLE_RATE), file,
                16);
        return file;
    }

}
