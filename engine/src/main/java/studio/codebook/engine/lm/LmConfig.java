package studio.codebook.engine.lm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sizes of the codes language model, as stored in {@code model.json}.
 *
 * @param codebooks K, codebooks per step (one embedding table and one output head each)
 * @param cardinality codebook size; the input vocabulary per codebook is {@code cardinality + 1}, the
 *     last token ({@code cardinality}) being the special/empty token; heads predict {@code cardinality} codes
 * @param dim model width
 * @param layers transformer layers
 * @param heads attention heads ({@code dim % heads == 0}, head dim {@code dim / heads}; MusicGen uses 64)
 * @param ffnMultiplier hidden width of the feed-forward block as a multiple of dim (4)
 * @param maxSteps context length in pattern steps (positions 0 … maxSteps−1)
 * @param bias whether attention, feed-forward and head projections have biases (false, as MusicGen)
 * @param activation feed-forward activation; only "gelu" (exact, erf-based) is supported
 * @param crossAttention whether each layer attends to the text states (true); without it text is ignored
 * @param positional position encoding; only "sinusoidal" (MusicGen's, added at the input) is supported
 * @param layerNormEpsilon epsilon of every LayerNorm (1e-5)
 * @param beat whether a beat clock is an input: the tempo the prompt asks for, as the phase of beat, bar and
 *     eighth note at every step ({@link BeatClock}), projected and added beside the position (false: none,
 *     as MusicGen); written to {@code model.json} only when true
 */
public record LmConfig(
        int codebooks,
        int cardinality,
        int dim,
        int layers,
        int heads,
        int ffnMultiplier,
        int maxSteps,
        boolean bias,
        String activation,
        boolean crossAttention,
        String positional,
        double layerNormEpsilon,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean beat) {

    public static final String GELU = "gelu";
    public static final String SINUSOIDAL = "sinusoidal";

    public LmConfig {
        if (codebooks < 1 || codebooks > 32) {
            throw new IllegalArgumentException("LM codebooks must be 1..32, not " + codebooks);
        }
        if (cardinality < 2 || cardinality > 65536) {
            throw new IllegalArgumentException("LM cardinality must be 2..65536, not " + cardinality);
        }
        if (dim < 2 || dim > 8192 || dim % 2 != 0) {
            throw new IllegalArgumentException("LM dim must be even and 2..8192, not " + dim);
        }
        if (layers < 1 || layers > 256) {
            throw new IllegalArgumentException("LM layers must be 1..256, not " + layers);
        }
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("LM heads must divide dim (" + dim + " % " + heads + " != 0)");
        }
        if (ffnMultiplier < 1 || ffnMultiplier > 16) {
            throw new IllegalArgumentException("LM ffnMultiplier must be 1..16, not " + ffnMultiplier);
        }
        if (maxSteps < 1 || maxSteps > 1_000_000) {
            throw new IllegalArgumentException("LM maxSteps must be 1..1000000, not " + maxSteps);
        }
        if (!GELU.equals(activation)) {
            throw new IllegalArgumentException("LM activation must be 'gelu', not '" + activation + "'");
        }
        if (!SINUSOIDAL.equals(positional)) {
            throw new IllegalArgumentException("LM positional must be 'sinusoidal', not '" + positional + "'");
        }
        if (!(layerNormEpsilon > 0 && layerNormEpsilon < 1)) {
            throw new IllegalArgumentException("LM layerNormEpsilon must be in (0, 1), not " + layerNormEpsilon);
        }
    }

    /** From {@code model.json}: every field required, except {@code beat} (absent in files before it = false). */
    @JsonCreator
    static LmConfig fromJson(
            @JsonProperty("codebooks") int codebooks,
            @JsonProperty("cardinality") int cardinality,
            @JsonProperty("dim") int dim,
            @JsonProperty("layers") int layers,
            @JsonProperty("heads") int heads,
            @JsonProperty("ffnMultiplier") int ffnMultiplier,
            @JsonProperty("maxSteps") int maxSteps,
            @JsonProperty("bias") boolean bias,
            @JsonProperty("activation") String activation,
            @JsonProperty("crossAttention") boolean crossAttention,
            @JsonProperty("positional") String positional,
            @JsonProperty("layerNormEpsilon") double layerNormEpsilon,
            @JsonProperty("beat") Boolean beat) {
        return new LmConfig(codebooks, cardinality, dim, layers, heads, ffnMultiplier, maxSteps, bias, activation,
                crossAttention, positional, layerNormEpsilon, Boolean.TRUE.equals(beat));
    }

    /** Without the beat clock. */
    public LmConfig(int codebooks, int cardinality, int dim, int layers, int heads, int ffnMultiplier, int maxSteps,
            boolean bias, String activation, boolean crossAttention, String positional, double layerNormEpsilon) {
        this(codebooks, cardinality, dim, layers, heads, ffnMultiplier, maxSteps, bias, activation, crossAttention,
                positional, layerNormEpsilon, false);
    }

    /** MusicGen's choices (no biases, exact GELU, cross-attention, sinusoidal positions) at the given size. */
    public static LmConfig of(int codebooks, int cardinality, int dim, int layers, int heads, int maxSteps) {
        return new LmConfig(codebooks, cardinality, dim, layers, heads, 4, maxSteps, false, GELU, true, SINUSOIDAL, 1e-5);
    }

    /** A test-sized model: K 4, card 64, dim 32, 2 layers, 2 heads, 256 steps. */
    public static LmConfig tiny() {
        return of(4, 64, 32, 2, 2, 256);
    }

    /** The app's default: K 4, card 1024, dim 256, 6 layers, 4 heads (head dim 64), 1500 steps (≈ 7.6 M parameters). */
    public static LmConfig defaultSize() {
        return of(4, 1024, 256, 6, 4, 1500);
    }

    /** A copy with biases on or off. */
    public LmConfig withBias(boolean withBias) {
        return new LmConfig(codebooks, cardinality, dim, layers, heads, ffnMultiplier, maxSteps, withBias,
                activation, crossAttention, positional, layerNormEpsilon, beat);
    }

    /** A copy with cross-attention on or off. */
    public LmConfig withCrossAttention(boolean withCross) {
        return new LmConfig(codebooks, cardinality, dim, layers, heads, ffnMultiplier, maxSteps, bias,
                activation, withCross, positional, layerNormEpsilon, beat);
    }

    /** A copy with the beat clock input on or off. */
    public LmConfig withBeat(boolean withBeat) {
        return new LmConfig(codebooks, cardinality, dim, layers, heads, ffnMultiplier, maxSteps, bias,
                activation, crossAttention, positional, layerNormEpsilon, withBeat);
    }

    /** Dimension of one attention head. */
    public int headDim() {
        return dim / heads;
    }

    /** Hidden width of the feed-forward block. */
    public int ffnDim() {
        return ffnMultiplier * dim;
    }

    /** Input vocabulary per codebook: the codes plus the special token. */
    public int vocabulary() {
        return cardinality + 1;
    }

    /** Number of scalar parameters of {@link TransformerLm} with this configuration. */
    public long parameterCount() {
        long d = dim;
        long f = ffnDim();
        long perLayer = 3 * d * d + d * d // self-attention: fused QKV, output
                + 2 * d * f // feed-forward
                + 2 * (2 * d); // norm1, norm2 (weight + bias)
        if (bias) {
            perLayer += 3 * d + d + f + d;
        }
        if (crossAttention) {
            perLayer += d * d + 2 * d * d + d * d + 2 * d; // q, fused kv, output, norm_cross
            if (bias) {
                perLayer += d + 2 * d + d;
            }
        }
        long total = (long) codebooks * vocabulary() * d // embeddings
                + layers * perLayer
                + 2 * d // out_norm
                + (long) codebooks * cardinality * d; // heads
        if (bias) {
            total += (long) codebooks * cardinality;
        }
        if (beat) {
            total += (long) BeatClock.FEATURES * d; // beat.weight
        }
        return total;
    }

    /**
     * Floating-point operations (2 × multiply-adds) of one incremental step for {@code batch} rows:
     * every projection (QKV, attention outputs, cross-attention query, FFN, heads), self-attention
     * scores and weighted values over {@code cacheLength} positions (including the new one), and
     * cross-attention over {@code textLength} text positions. Not counted: the cross-attention K/V
     * projection (done once per session), embeddings, norms, softmax and activations (a few percent).
     * This is the compute floor of a step; divide by a measured matmul rate for a time floor.
     */
    public double flopsPerStep(int batch, int cacheLength, int textLength) {
        double d = dim;
        double perLayer = 3 * d * d + d * d + 2 * d * ffnDim() + 2.0 * cacheLength * d;
        if (crossAttention) {
            perLayer += 2 * d * d + 2.0 * textLength * d;
        }
        double macs = layers * perLayer + (double) codebooks * cardinality * d;
        return 2.0 * batch * macs;
    }
}
