package studio.codebook.engine.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Architecture of a SEANet encoder/decoder pair (EnCodec's layout, REFERENCE.md), as stored in
 * {@code model.json}.
 *
 * @param channels audio channels (1 = mono)
 * @param dimension latent dimension D at the bottleneck
 * @param filters base number of filters (64 in EnCodec 32 kHz)
 * @param ratios up-sampling ratios in decoder order, e.g. [8, 5, 4, 4]; the encoder uses them reversed;
 *     their product is the hop length
 * @param kernelSize kernel of the first convolution (7)
 * @param lastKernelSize kernel of the last convolution (7)
 * @param residualKernelSize kernel of the first convolution of a residual unit (3)
 * @param residualLayers residual units per stage (1)
 * @param dilationBase dilation grows by this factor per residual unit (2)
 * @param compress the hidden width of a residual unit is C / compress (2)
 * @param lstmLayers LSTM layers at the bottleneck, with a skip connection (2 in EnCodec; 0 = none)
 * @param weightNorm whether every convolution is weight-normalised
 * @param padMode "reflect" (the pretrained EnCodec 32 kHz) or "constant" (zeros)
 * @param trueSkip identity skip in residual units (true) or a 1×1 convolution (false)
 * @param spectralDecoder null for the SEANet decoder (the mirror of the encoder); otherwise the codes are
 *     decoded by a {@link SpectralDecoder} of this size (written to {@code model.json} only when set, so
 *     files from before it read as before)
 */
public record SeanetConfig(
        int channels,
        int dimension,
        int filters,
        List<Integer> ratios,
        int kernelSize,
        int lastKernelSize,
        int residualKernelSize,
        int residualLayers,
        int dilationBase,
        int compress,
        int lstmLayers,
        boolean weightNorm,
        String padMode,
        boolean trueSkip,
        @JsonInclude(JsonInclude.Include.NON_NULL) SpectralDecoderConfig spectralDecoder) {

    /** A SEANet encoder/decoder pair (no spectral decoder). */
    public SeanetConfig(int channels, int dimension, int filters, List<Integer> ratios, int kernelSize,
            int lastKernelSize, int residualKernelSize, int residualLayers, int dilationBase, int compress,
            int lstmLayers, boolean weightNorm, String padMode, boolean trueSkip) {
        this(channels, dimension, filters, ratios, kernelSize, lastKernelSize, residualKernelSize, residualLayers,
                dilationBase, compress, lstmLayers, weightNorm, padMode, trueSkip, null);
    }

    @JsonCreator
    public SeanetConfig(
            @JsonProperty("channels") int channels,
            @JsonProperty("dimension") int dimension,
            @JsonProperty("filters") int filters,
            @JsonProperty("ratios") List<Integer> ratios,
            @JsonProperty("kernelSize") int kernelSize,
            @JsonProperty("lastKernelSize") int lastKernelSize,
            @JsonProperty("residualKernelSize") int residualKernelSize,
            @JsonProperty("residualLayers") int residualLayers,
            @JsonProperty("dilationBase") int dilationBase,
            @JsonProperty("compress") int compress,
            @JsonProperty("lstmLayers") int lstmLayers,
            @JsonProperty("weightNorm") boolean weightNorm,
            @JsonProperty("padMode") String padMode,
            @JsonProperty("trueSkip") boolean trueSkip,
            @JsonProperty("spectralDecoder") SpectralDecoderConfig spectralDecoder) {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("codec channels must be 1..8, not " + channels);
        }
        if (dimension < 1 || filters < 1) {
            throw new IllegalArgumentException("codec dimension and filters must be positive");
        }
        if (ratios == null || ratios.isEmpty() || ratios.stream().anyMatch(r -> r == null || r < 1)) {
            throw new IllegalArgumentException("codec ratios must be a non-empty list of positive integers");
        }
        if (kernelSize < 1 || lastKernelSize < 1 || residualKernelSize < 1 || residualLayers < 0
                || dilationBase < 1 || compress < 1 || lstmLayers < 0) {
            throw new IllegalArgumentException("codec kernel sizes, residual layers, dilation, compress and "
                    + "LSTM layers must be non-negative (kernels and factors positive)");
        }
        if (!"reflect".equals(padMode) && !"constant".equals(padMode)) {
            throw new IllegalArgumentException("padMode must be 'reflect' or 'constant', not '" + padMode + "'");
        }
        this.channels = channels;
        this.dimension = dimension;
        this.filters = filters;
        this.ratios = List.copyOf(ratios);
        this.kernelSize = kernelSize;
        this.lastKernelSize = lastKernelSize;
        this.residualKernelSize = residualKernelSize;
        this.residualLayers = residualLayers;
        this.dilationBase = dilationBase;
        this.compress = compress;
        this.lstmLayers = lstmLayers;
        this.weightNorm = weightNorm;
        this.padMode = padMode;
        this.trueSkip = trueSkip;
        this.spectralDecoder = spectralDecoder;
    }

    /** This codec with its codes decoded by a {@link SpectralDecoder} of the given size (null: SEANet's). */
    public SeanetConfig withSpectralDecoder(SpectralDecoderConfig decoder) {
        return new SeanetConfig(channels, dimension, filters, ratios, kernelSize, lastKernelSize, residualKernelSize,
                residualLayers, dilationBase, compress, lstmLayers, weightNorm, padMode, trueSkip, decoder);
    }

    /**
     * Whether this codec makes the same codes from the same weights as {@code other}: everything but the
     * decoder is the same.
     */
    public boolean sameEncoder(SeanetConfig other) {
        return withSpectralDecoder(null).equals(other.withSpectralDecoder(null));
    }

    /** Samples per latent frame: the product of the ratios. */
    public int hopLength() {
        return ratios.stream().reduce(1, (a, b) -> a * b);
    }

    /**
     * The product's default codec body: 16 kHz mono, ratios [8, 5, 4, 2] (hop 320, 50 frames/s),
     * 24 base filters (24 → 48 → 96 → 192 → 384 channels), latent 128, one bottleneck LSTM layer,
     * weight norm, reflect padding. About 3.0 M parameters in each of encoder and decoder; encode +
     * decode of 10 s took 0.33–0.38 s on 1 thread and 0.19–0.24 s on 2 threads of the 2-core
     * development machine (filters 32 with the LSTM needed ≈ 0.6 s on 1 thread).
     */
    public static SeanetConfig defaultMono16k() {
        return encodecLike(24, 128, List.of(8, 5, 4, 2), 1);
    }

    /** EnCodec-like layout with the given width, latent, ratios and LSTM depth. */
    public static SeanetConfig encodecLike(int filters, int dimension, List<Integer> ratios, int lstmLayers) {
        return new SeanetConfig(1, dimension, filters, ratios, 7, 7, 3, 1, 2, 2, lstmLayers, true, "reflect", true);
    }
}
