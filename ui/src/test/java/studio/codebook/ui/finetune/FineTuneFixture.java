package studio.codebook.ui.finetune;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;

/** A folder of two 2-second chords and a corrupt WAV, a tiny base model, and a playback that records. */
final class FineTuneFixture {

    static final String CORRUPT = "corrupt.wav";

    private FineTuneFixture() {
    }

    /** low.wav and high.wav (2 s chords at 22.05 kHz) and corrupt.wav (random bytes). */
    static Path tracks(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("my tracks"));
        WavWriter.write(chord(220, 2.0, 22_050, 1), folder.resolve("low.wav"), 16);
        WavWriter.write(chord(330, 2.0, 22_050, 2), folder.resolve("high.wav"), 16);
        byte[] junk = new byte[6000];
        new Random(3).nextBytes(junk);
        Files.write(folder.resolve(CORRUPT), junk);
        return folder;
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

    /** A tiny model with random weights saved in {@code dir/base}. */
    static Path tinyModel(Path dir) throws IOException {
        Path base = dir.resolve("base");
        try (MusicModel model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-base"), Device.cpu(),
                7)) {
            model.saveTo(base);
        }
        return base;
    }

    /** Settings for a quick run: 5 steps, batch 2, 0.5 s codec segments, 50-frame (1 s) LM windows. */
    static void quickSettings(FineTuneViewModel vm, String name) {
        vm.settings().stepsProperty().set(5);
        vm.settings().batchSizeProperty().set(2);
        vm.settings().segmentSecondsProperty().set(0.5);
        vm.settings().lmFramesProperty().set(50);
        vm.settings().independenceWeightProperty().set(0.5);
        vm.settings().modelNameProperty().set(name);
    }

}
