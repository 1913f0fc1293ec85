package studio.codebook.engine.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Architecture of a {@link SpectralDecoder} (Vocos-style: the codes become a short-time spectrum, magnitude
 * and phase per frame, and an inverse STFT makes the audio), as stored in {@code model.json} under the codec.
 *
 * <p>The STFT's hop is the codec's hop, so each latent frame gives one spectrum; its window is
 * {@code overlap} hops long (the FFT size), which sets the frequency resolution: at 16 kHz, hop 320 and
 * overlap 4, 1280 samples, 12.5 Hz per bin, enough to keep a saw lead's harmonics apart.
 *
 * @param hidden channels of the ConvNeXt body
 * @param intermediate hidden width of each block's pointwise feed-forward
 * @param layers ConvNeXt blocks
 * @param kernelSize kernel of the input convolution and of each block's depthwise convolution (odd)
 * @param overlap window length in hops (even, ≥ 2): the FFT size is overlap · hop
 * @param predictPhase whether the head also predicts each bin's phase, as an offset from the reference phase
 *     (see {@link SpectralDecoder}); false: magnitudes only, every bin at its reference phase
 */
public record SpectralDecoderConfig(int hidden, int intermediate, int layers, int kernelSize, int overlap,
        boolean predictPhase) {

    @JsonCreator
    public SpectralDecoderConfig(
            @JsonProperty("hidden") int hidden,
            @JsonProperty("intermediate") int intermediate,
            @JsonProperty("layers") int layers,
            @JsonProperty("kernelSize") int kernelSize,
            @JsonProperty("overlap") int overlap,
            @JsonProperty("predictPhase") boolean predictPhase) {
        if (hidden < 1 || intermediate < 1 || layers < 0) {
            throw new IllegalArgumentException("spectral decoder hidden and intermediate widths must be positive and "
                    + "layers non-negative");
        }
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("spectral decoder kernelSize must be odd, not " + kernelSize);
        }
        if (overlap < 2 || overlap % 2 != 0) {
            throw new IllegalArgumentException("spectral decoder overlap must be even and at least 2, not " + overlap);
        }
        this.hidden = hidden;
        this.intermediate = intermediate;
        this.layers = layers;
        this.kernelSize = kernelSize;
        this.overlap = overlap;
        this.predictPhase = predictPhase;
    }

    /**
     * The product's size: 256 channels, 8 blocks with a 768-wide feed-forward, kernel 7, a window of 4 hops,
     * magnitudes only. About 3.6 M parameters for a 128-d latent at 16 kHz, hop 320 (the SEANet decoder it
     * replaces: about 3.3 M), and it runs at the frame rate instead of the sample rate.
     */
    public static SpectralDecoderConfig defaults() {
        return new SpectralDecoderConfig(256, 768, 8, 7, 4, false);
    }

    /** The same size with or without a predicted phase. */
    public SpectralDecoderConfig withPredictPhase(boolean predict) {
        return new SpectralDecoderConfig(hidden, intermediate, layers, kernelSize, overlap, predict);
    }

    /** Outputs of the head per channel and frame: the magnitudes, and the phases if predicted. */
    public int headOutputs(int hop) {
        return (predictPhase ? 2 : 1) * bins(hop);
    }

    /** FFT size (window length in samples) for a codec hop. */
    public int fftSize(int hop) {
        return overlap * hop;
    }

    /** Frequency bins of the one-sided spectrum for a codec hop: fftSize / 2 + 1. */
    public int bins(int hop) {
        return fftSize(hop) / 2 + 1;
    }
}
