package studio.codebook.training.loss;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import studio.codebook.engine.quantize.StreamKind;

/**
 * Settings of the independence loss (METHOD.md, points 1–7).
 *
 * @param weight λ, the loss's weight in the codec objective (0 = off). Our MMD² divides by the sample
 *     count N (the reference divided by the batch size, a scale about T² larger plus a constant), so the
 *     reference's 1000 does not carry over: choose λ on this scale
 * @param streamKind which vector stands for stage k (default {@link StreamKind#CODEWORD}, the paper's)
 * @param alignment which codes form one joint sample (default {@link Alignment#DELAY})
 * @param sigmas Gaussian kernel bandwidths, each kernel exp(−‖a−b‖²/(2σ)) (default 0.1, 1, 5, 10, 20, 50)
 * @param macroBatches M: the loss is computed every M steps on the last M batches (default 8); the trainer
 *     uses this, the loss itself sees whatever streams it is given
 * @param maxSamples when a macro-batch has more samples (frames) than this, a random subset of this many is
 *     used (default 400; 0 = all). The cost grows as N², and the trainer re-encodes only as many segments
 *     as hold this many frames: 400 keeps the loss's share of a default codec step near 10 % (measured;
 *     2048 cost +85 %)
 */
public record IndependenceConfig(
        double weight,
        StreamKind streamKind,
        Alignment alignment,
        List<Double> sigmas,
        int macroBatches,
        int maxSamples) {

    /** The paper's kernel bandwidths. */
    public static final List<Double> DEFAULT_SIGMAS = List.of(0.1, 1.0, 5.0, 10.0, 20.0, 50.0);
    public static final int DEFAULT_MACRO_BATCHES = 8;
    public static final int DEFAULT_MAX_SAMPLES = 400;

    @JsonCreator
    public IndependenceConfig(
            @JsonProperty("weight") double weight,
            @JsonProperty("streamKind") StreamKind streamKind,
            @JsonProperty("alignment") Alignment alignment,
            @JsonProperty("sigmas") List<Double> sigmas,
            @JsonProperty("macroBatches") int macroBatches,
            @JsonProperty("maxSamples") int maxSamples) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("independence weight must be a finite number >= 0, not " + weight);
        }
        List<Double> s = sigmas == null ? DEFAULT_SIGMAS : List.copyOf(sigmas);
        if (s.isEmpty() || s.stream().anyMatch(v -> v == null || !(v > 0) || v.isInfinite())) {
            throw new IllegalArgumentException("kernel sigmas must be a non-empty list of positive numbers, not " + sigmas);
        }
        if (macroBatches < 1) {
            throw new IllegalArgumentException("macroBatches must be >= 1, not " + macroBatches);
        }
        if (maxSamples < 0 || maxSamples == 1) {
            throw new IllegalArgumentException("maxSamples must be 0 (all) or >= 2, not " + maxSamples);
        }
        this.weight = weight;
        this.streamKind = streamKind == null ? StreamKind.CODEWORD : streamKind;
        this.alignment = alignment == null ? Alignment.DELAY : alignment;
        this.sigmas = s;
        this.macroBatches = macroBatches;
        this.maxSamples = maxSamples;
    }

    /** The paper's setting (codeword streams, delay alignment, its bandwidths) with weight λ. */
    public static IndependenceConfig defaults(double weight) {
        return new IndependenceConfig(weight, StreamKind.CODEWORD, Alignment.DELAY, DEFAULT_SIGMAS,
                DEFAULT_MACRO_BATCHES, DEFAULT_MAX_SAMPLES);
    }

    /** No independence loss (λ = 0): the baseline codec. */
    public static IndependenceConfig off() {
        return defaults(0);
    }

    /** Whether the loss takes part in training at all. */
    public boolean enabled() {
        return weight > 0;
    }

    public IndependenceConfig withAlignment(Alignment a) {
        return new IndependenceConfig(weight, streamKind, a, sigmas, macroBatches, maxSamples);
    }

    public IndependenceConfig withStreamKind(StreamKind kind) {
        return new IndependenceConfig(weight, kind, alignment, sigmas, macroBatches, maxSamples);
    }

    public IndependenceConfig withMaxSamples(int max) {
        return new IndependenceConfig(weight, streamKind, alignment, sigmas, macroBatches, max);
    }
}
