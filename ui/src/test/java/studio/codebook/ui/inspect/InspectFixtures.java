package studio.codebook.ui.inspect;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.Playback;

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

    /** A playback that records what it was asked to play and never makes a sound. */
    public static final class RecordingPlayback implements Playback {

        public record Request(float[] samples, int sampleRate, double start, double end, boolean loop) {
        }

        private final boolean available;
        public final List<Request> requests = new ArrayList<>();
        private final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(0);
        private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);

        public RecordingPlayback(boolean available) {
            this.available = available;
        }

        public Request last() {
            return requests.isEmpty() ? null : requests.get(requests.size() - 1);
        }

        /** Moves the playhead, as a real playback would while playing. */
        public void advanceTo(double seconds) {
            position.set(seconds);
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public String unavailableReason() {
            return available ? "" : "no sound card in the test machine";
        }

        @Override
        public void play(float[] mono, int sampleRate, double startSeconds, double endSeconds, boolean loop) {
            requests.add(new Request(mono, sampleRate, startSeconds, endSeconds, loop));
            position.set(startSeconds);
            playing.set(true);
        }

        @Override
        public void pause() {
            playing.set(false);
        }

        @Override
        public void resume() {
            playing.set(true);
        }

        @Override
        public void stop() {
            playing.set(false);
        }

        @Override
        public ReadOnlyDoubleProperty position() {
            return position.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyBooleanProperty playing() {
            return playing.getReadOnlyProperty();
        }
    }
}
