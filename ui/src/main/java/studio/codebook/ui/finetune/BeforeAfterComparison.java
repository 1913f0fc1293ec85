package studio.codebook.ui.finetune;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.audio.Loudness;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.loss.AudioMetrics;
import studio.codebook.ui.common.TaskContext;
import studio.codebook.ui.common.Work;

/**
 * Background work of the before/after A/B: reads the track (only reads it), takes its first
 * {@link #MAX_SECONDS} seconds as mono at the model's rate, normalised to the loudness training used, and
 * reconstructs it with all codebooks of the base model and of the fine-tuned model; SI-SNR and mel
 * distance are the training evaluation's ({@link AudioMetrics}).
 */
final class BeforeAfterComparison implements Work<BeforeAfter> {

    static final double MAX_SECONDS = 10;

    private final Path baseModel;
    private final Path newModel;
    private final Path trackFile;
    private final String trackName;
    private final LibraryConfig loudness;

    /** @param loudness the library configuration whose loudness target and peak ceiling training used */
    BeforeAfterComparison(Path baseModel, Path newModel, Path trackFile, String trackName, LibraryConfig loudness) {
        this.baseModel = baseModel;
        this.newModel = newModel;
        this.trackFile = trackFile;
        this.trackName = trackName;
        this.loudness = loudness;
    }

    @Override
    public BeforeAfter run(TaskContext context) throws Exception {
        Device device = ComputeDevice.best().device();
        context.progress(0.05, "reading " + trackName);
        AudioClip track = AudioReader.read(trackFile);
        context.checkCancelled();
        try (MusicModel before = MusicModel.load(baseModel, device)) {
            AudioClip original = prepared(track, before);
            context.progress(0.3, "reconstructing with the base model");
            float[] reference = original.channel(0);
            float[] beforeSamples = Arrays.copyOf(before.codec().reconstruct(original,
                    before.codec().numCodebooks()).channel(0), reference.length);
            context.checkCancelled();
            try (MusicModel after = MusicModel.load(newModel, device)) {
                if (after.config().sampleRate() != before.config().sampleRate()) {
                    throw new IllegalArgumentException("the new model runs at " + after.config().sampleRate()
                            + " Hz, the base model at " + before.config().sampleRate() + " Hz: no A/B possible");
                }
                context.progress(0.6, "reconstructing with the new model");
                float[] afterSamples = Arrays.copyOf(after.codec().reconstruct(original,
                        after.codec().numCodebooks()).channel(0), reference.length);
                context.checkCancelled();
                context.progress(0.9, "measuring");
                int rate = original.sampleRate();
                return new BeforeAfter(trackName, rate, reference, beforeSamples, afterSamples,
                        AudioMetrics.siSnr(beforeSamples, reference), AudioMetrics.siSnr(afterSamples, reference),
                        AudioMetrics.melDistance(beforeSamples, reference, rate),
                        AudioMetrics.melDistance(afterSamples, reference, rate));
            }
        }
    }

    /** Mono at the model's rate, the first seconds, at training's loudness. */
    private AudioClip prepared(AudioClip track, MusicModel model) {
        AudioClip mono = model.codec().prepare(track.toMono());
        int keep = (int) Math.min(mono.numFrames(), Math.round(MAX_SECONDS * mono.sampleRate()));
        AudioClip cut = AudioClip.mono(Arrays.copyOf(mono.channel(0), keep), mono.sampleRate());
        return Loudness.normalize(cut, loudness.targetLufs(), loudness.peakCeilingDb());
    }
}
