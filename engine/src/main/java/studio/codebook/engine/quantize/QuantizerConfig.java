package studio.codebook.engine.quantize;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sizes and training settings of a quantizer, as stored in {@code model.json}.
 *
 * @param kind "rvq" (residual) or "pvq" (product)
 * @param codebooks K, the number of codebooks (stages for RVQ, sub-vectors for PVQ)
 * @param codebookSize entries per codebook
 * @param dimension D, the latent dimension entering the quantizer (for PVQ divisible by K)
 * @param emaDecay decay of the EMA codebook updates (0.99 in EnCodec)
 * @param epsilon Laplace smoothing of the EMA cluster sizes (1e-5)
 * @param kmeansIterations k-means iterations on the first training batch (50 in EnCodec; 0 = random init)
 * @param deadCodeThreshold an entry whose EMA count falls below this is replaced by a batch vector (2)
 * @param commitmentWeight weight of the commitment loss MSE(latent, sg(quantized)) (1)
 * @param dropoutProbability probability that a training batch uses a random number of codebooks
 *     1..K instead of all K: quantizer dropout for RVQ, hierarchical dropout for PVQ (0 = off)
 */
public record QuantizerConfig(
        String kind,
        int codebooks,
        int codebookSize,
        int dimension,
        double emaDecay,
        double epsilon,
        int kmeansIterations,
        double deadCodeThreshold,
        double commitmentWeight,
        double dropoutProbability) {

    public static final String RVQ = "rvq";
    public static final String PVQ = "pvq";

    @JsonCreator
    public QuantizerConfig(
            @JsonProperty("kind") String kind,
            @JsonProperty("codebooks") int codebooks,
            @JsonProperty("codebookSize") int codebookSize,
            @JsonProperty("dimension") int dimension,
            @JsonProperty("emaDecay") double emaDecay,
            @JsonProperty("epsilon") double epsilon,
            @JsonProperty("kmeansIterations") int kmeansIterations,
            @JsonProperty("deadCodeThreshold") double deadCodeThreshold,
            @JsonProperty("commitmentWeight") double commitmentWeight,
            @JsonProperty("dropoutProbability") double dropoutProbability) {
        if (!RVQ.equals(kind) && !PVQ.equals(kind)) {
            throw new IllegalArgumentException("quantizer kind must be 'rvq' or 'pvq', not '" + kind + "'");
        }
        if (codebooks < 1 || codebooks > 32) {
            throw new IllegalArgumentException("codebooks must be 1..32, not " + codebooks);
        }
        if (codebookSize < 2 || codebookSize > 65536) {
            throw new IllegalArgumentException("codebookSize must be 2..65536, not " + codebookSize);
        }
        if (dimension < 1 || dimension > 4096) {
            throw new IllegalArgumentException("quantizer dimension must be 1..4096, not " + dimension);
        }
        if (PVQ.equals(kind) && dimension % codebooks != 0) {
            throw new IllegalArgumentException(
                    "a product quantizer needs dimension divisible by codebooks (" + dimension + " % " + codebooks + ")");
        }
        if (!(emaDecay > 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("emaDecay must be in (0, 1), not " + emaDecay);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, not " + epsilon);
        }
        if (kmeansIterations < 0 || deadCodeThreshold < 0 || commitmentWeight < 0) {
            throw new IllegalArgumentException("kmeansIterations, deadCodeThreshold and commitmentWeight must be >= 0");
        }
        if (!(dropoutProbability >= 0 && dropoutProbability <= 1)) {
            throw new IllegalArgumentException("dropoutProbability must be in [0, 1], not " + dropoutProbability);
        }
        this.kind = kind;
        this.codebooks = codebooks;
        this.codebookSize = codebookSize;
        this.dimension = dimension;
        this.emaDecay = emaDecay;
        this.epsilon = epsilon;
        this.kmeansIterations = kmeansIterations;
        this.deadCodeThreshold = deadCodeThreshold;
        this.commitmentWeight = commitmentWeight;
        this.dropoutProbability = dropoutProbability;
    }

    /** EnCodec's settings for K codebooks of the given size over a D-dim latent. */
    public static QuantizerConfig rvq(int codebooks, int codebookSize, int dimension) {
        return new QuantizerConfig(RVQ, codebooks, codebookSize, dimension, 0.99, 1e-5, 50, 2.0, 1.0, 0.0);
    }

    /** A product quantizer with the same EMA settings and hierarchical dropout off. */
    public static QuantizerConfig pvq(int codebooks, int codebookSize, int dimension) {
        return new QuantizerConfig(PVQ, codebooks, codebookSize, dimension, 0.99, 1e-5, 50, 2.0, 1.0, 0.0);
    }

    public QuantizerConfig withDropout(double probability) {
        return new QuantizerConfig(kind, codebooks, codebookSize, dimension, emaDecay, epsilon,
                kmeansIterations, deadCodeThreshold, commitmentWeight, probability);
    }

    /** Bits per frame when all codebooks are used. */
    public double bitsPerFrame() {
        return codebooks * (Math.log(codebookSize) / Math.log(2));
    }
}
