package studio.codebook.training.eval;

import java.util.Arrays;
import java.util.List;
import studio.codebook.training.synth.DrumStyle;
import studio.codebook.training.synth.Genre;
import studio.codebook.training.synth.Lead;

/**
 * The architecture of an {@link AttributeClassifier} and the labels of its heads; stored in
 * {@code classifier.json}, so a classifier folder describes itself.
 *
 * @param sampleRate audio is resampled to this rate before the front end
 * @param fftSize STFT window (hop = fftSize / 4) of the log-mel front end
 * @param mels mel bands
 * @param minHz lowest mel frequency
 * @param channels output channels of the 3×3 convolutions, one per layer; each but the last is followed by a
 *     2×2 max-pool; the last one's width is the embedding's size
 * @param genres labels of the genre head, in class order
 * @param leads labels of the lead-instrument head
 * @param drums labels of the drum-style head
 */
public record ClassifierConfig(int sampleRate, int fftSize, int mels, double minHz, List<Integer> channels,
        List<String> genres, List<String> leads, List<String> drums) {

    public ClassifierConfig {
        if (sampleRate < 4000 || fftSize < 16 || fftSize % 4 != 0 || mels < 8 || !(minHz >= 0 && minHz < sampleRate / 2.0)) {
            throw new IllegalArgumentException("bad front end: " + sampleRate + " Hz, n_fft " + fftSize + ", " + mels
                    + " mels from " + minHz + " Hz");
        }
        if (channels == null || channels.isEmpty() || channels.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("need at least one convolution with a positive width");
        }
        if (genres.size() < 2 || leads.size() < 2 || drums.size() < 2) {
            throw new IllegalArgumentException("every head needs at least two classes");
        }
        channels = List.copyOf(channels);
        genres = List.copyOf(genres);
        leads = List.copyOf(leads);
        drums = List.copyOf(drums);
    }

    /**
     * The synth corpus's labels at 16 kHz: 64 mels (n_fft 512, 32 ms), four convolutions of 16, 32, 64, 128
     * channels, a 128-dimensional embedding.
     */
    public static ClassifierConfig defaults() {
        return new ClassifierConfig(16_000, 512, 64, 30, List.of(16, 32, 64, 128),
                Arrays.stream(Genre.values()).map(Genre::label).toList(),
                Arrays.stream(Lead.values()).map(Lead::label).toList(),
                Arrays.stream(DrumStyle.values()).map(DrumStyle::label).toList());
    }

    /** A smaller front end and network for tests (8 kHz, 32 mels, convolutions of 8, 16 and 32). */
    public static ClassifierConfig tiny() {
        ClassifierConfig d = defaults();
        return new ClassifierConfig(8_000, 256, 32, 30, List.of(8, 16, 32), d.genres, d.leads, d.drums);
    }

    /** Size of the embedding (the last convolution's width). */
    public int embeddingSize() {
        return channels.get(channels.size() - 1);
    }
}
