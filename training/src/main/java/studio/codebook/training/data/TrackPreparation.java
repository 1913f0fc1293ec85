package studio.codebook.training.data;

import java.util.ArrayList;
import java.util.List;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.Loudness;
import studio.codebook.engine.audio.Resampling;

/** Decoded audio → mono at the library rate, loudness-normalised → equal-length segments. */
final class TrackPreparation {

    /** Mono samples at the library rate after the normalisation gain. */
    record Prepared(float[] samples, double gainDb) {}

    private TrackPreparation() {
    }

    /**
     * Down-mixes, resamples and normalises to the target loudness (a plain gain, lowered when needed so that
     * the sample peak stays under the ceiling; silence gets no gain).
     */
    static Prepared prepare(AudioClip decoded, LibraryConfig config) {
        AudioClip mono = Resampling.resample(decoded.toMono(), config.sampleRate());
        double gain = Loudness.normalizationGainDb(mono, config.targetLufs(), config.peakCeilingDb());
        float[] samples = mono.channel(0);
        float g = (float) Math.pow(10, gain / 20);
        for (int i = 0; i < samples.length; i++) {
            samples[i] *= g;
        }
        return new Prepared(samples, gain);
    }

    /**
     * Segments of exactly {@code config.segmentSamples()} samples starting every {@code config.hopSamples()};
     * the tail shorter than a segment is dropped. A track shorter than one segment (but long enough to have
     * passed the minimum length) gives one segment, zero-padded at the end.
     */
    static List<float[]> cut(float[] samples, LibraryConfig config) {
        int length = config.segmentSamples();
        int hop = config.hopSamples();
        List<float[]> segments = new ArrayList<>();
        if (samples.length < length) {
            float[] padded = new float[length];
            System.arraycopy(samples, 0, padded, 0, samples.length);
            segments.add(padded);
            return segments;
        }
        for (long start = 0; start + length <= samples.length; start += hop) {
            float[] segment = new float[length];
            System.arraycopy(samples, (int) start, segment, 0, length);
            segments.add(segment);
        }
        return segments;
    }
}
