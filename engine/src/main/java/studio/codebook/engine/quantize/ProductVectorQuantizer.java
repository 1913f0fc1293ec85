package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import studio.codebook.engine.device.Scalars;

/**
 * Product vector quantizer: the latent's D channels are split into K consecutive groups of D/K
 * (channels k·D/K … (k+1)·D/K − 1 form sub-vector k), each quantized by its own {@link Codebook} of
 * D/K-dim entries, in parallel; the quantized latent is the concatenation.
 *
 * <p><b>Hierarchical dropout</b> (METHOD.md, "Quantizers"): in training, with probability
 * {@code dropoutProbability}, a batch keeps only the first n codebooks, n uniform in 1..K; the other
 * sub-vectors of the output are zeros (constant: no gradient reaches those latent channels), and their
 * codebooks are neither run nor updated. So the first codebooks learn to carry the most. Likewise
 * {@link #decode} of codes from k &lt; K codebooks fills the missing sub-vectors with zeros: a decoder
 * trained with hierarchical dropout has seen exactly that.
 *
 * <p>Training also k-means-initialises, EMA-updates and refreshes dead entries of each used codebook;
 * the output of a used sub-vector is x_k + sg(q_k − x_k). The commitment loss is commitmentWeight ·
 * (1/n) Σ_{k≤n} MSE(x_k, sg(q_k)), averaged over the codebooks used as for the RVQ; every term has
 * gradient to its own sub-vector.
 *
 * <p><b>Streams</b> (each [B, D/K, T]): CODEWORD q_k + (x_k − sg(x_k)) (value exactly q_k, identity
 * gradient to sub-vector k); STAGE_INPUT x_k; STAGE_RESIDUAL x_k − sg(q_k). All K, no dropout, no update.
 */
public final class ProductVectorQuantizer extends AbstractQuantizer {

    private final int subDimension;

    private ProductVectorQuantizer(Builder builder) {
        super(builder.config, builder.seed, builder.config.dimension() / builder.config.codebooks());
        this.subDimension = builder.config.dimension() / builder.config.codebooks();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** D/K, the dimension of each sub-vector and codebook entry. */
    public int subDimension() {
        return subDimension;
    }

    /** {@inheritDoc} */
    @Override
    public QuantizedLatent quantize(ParameterStore ps, NDArray latent, boolean training) {
        ensureInitialised(ps, latent);
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        int used = codebooksForBatch(training);
        NDArray quantized;
        NDArray codes;
        NDArray loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList subVectors = latent.split(numCodebooks(), 1);
            NDList parts = new NDList(numCodebooks());
            NDList usedCodes = new NDList(used);
            NDArray lossSum = null;
            for (int k = 0; k < numCodebooks(); k++) {
                if (k >= used) {
                    parts.add(latent.getManager().zeros(new Shape(batch, subDimension, time), latent.getDataType()));
                    continue;
                }
                Codebook codebook = codebook(k);
                NDArray x = frames(subVectors.get(k));
                NDArray xd = x.stopGradient();
                if (training) {
                    codebook.initialiseIfNeeded(ps, xd);
                }
                NDArray c = codebook.encode(ps, xd);
                NDArray q = codebook.decode(ps, c);
                if (training) {
                    codebook.update(ps, xd, c);
                }
                NDArray stageLoss = x.sub(q).square().mean();
                lossSum = lossSum == null ? stageLoss : lossSum.add(stageLoss);
                NDArray out = training ? x.add(q.sub(x).stopGradient()) : q;
                parts.add(unframes(out, batch, time));
                usedCodes.add(c);
            }
            quantized = keep(NDArrays.concat(parts, 1));
            codes = keep(stackCodes(usedCodes, batch, time));
            loss = keep(lossSum.mul(Scalars.of(lossSum, config().commitmentWeight() / used)));
        }
        handOver(latent.getManager(), quantized, codes, loss);
        return new QuantizedLatent(quantized, codes, loss, used);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray encode(ParameterStore ps, NDArray latent, int k) {
        ensureInitialised(ps, latent);
        checkK(k);
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        NDArray codes;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList subVectors = latent.stopGradient().split(numCodebooks(), 1);
            NDList perCodebook = new NDList(k);
            for (int s = 0; s < k; s++) {
                perCodebook.add(codebook(s).encode(ps, frames(subVectors.get(s))));
            }
            codes = keep(stackCodes(perCodebook, batch, time));
        }
        handOver(latent.getManager(), codes);
        return codes;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With codes of k &lt; K codebooks, sub-vectors k+1..K of the result are zeros.
     */
    @Override
    public NDArray decode(ParameterStore ps, NDArray codes) {
        checkCodes(codes);
        if (!isInitialized()) {
            throw new IllegalStateException("decode before the quantizer's parameters were initialised or loaded");
        }
        long batch = codes.getShape().get(0);
        long k = codes.getShape().get(1);
        long time = codes.getShape().get(2);
        NDManager manager = codes.getManager();
        NDArray latent;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList parts = new NDList(numCodebooks());
            for (int s = 0; s < numCodebooks(); s++) {
                if (s < k) {
                    NDArray stage = codes.get(new NDIndex(":, {}, :", s)).reshape(-1);
                    parts.add(unframes(codebook(s).decode(ps, stage), batch, time));
                } else {
                    parts.add(manager.zeros(new Shape(batch, subDimension, time)));
                }
            }
            latent = keep(NDArrays.concat(parts, 1));
        }
        handOver(manager, latent);
        return latent;
    }

    /** {@inheritDoc} */
    @Override
    public NDList streams(ParameterStore ps, NDArray latent, StreamKind kind) {
        ensureInitialised(ps, latent);
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        NDArray[] out = new NDArray[numCodebooks()];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList subVectors = latent.split(numCodebooks(), 1);
            for (int k = 0; k < numCodebooks(); k++) {
                NDArray x = frames(subVectors.get(k));
                NDArray xd = x.stopGradient();
                Codebook codebook = codebook(k);
                NDArray q = codebook.decode(ps, codebook.encode(ps, xd));
                NDArray stream;
                switch (kind) {
                    case CODEWORD:
                        stream = q.add(x.sub(xd));
                        break;
                    case STAGE_INPUT:
                        stream = x;
                        break;
                    case STAGE_RESIDUAL:
                        stream = x.sub(q);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown stream kind " + kind);
                }
                out[k] = keep(unframes(stream, batch, time));
            }
        }
        handOver(latent.getManager(), out);
        return new NDList(out);
    }

    /** Builds a {@link ProductVectorQuantizer}: {@code setConfig} is required (kind "pvq"). */
    public static final class Builder {
        private QuantizerConfig config;
        private long seed;

        private Builder() {}

        public Builder setConfig(QuantizerConfig config) {
            this.config = config;
            return this;
        }

        /** Seed of k-means, dead-code replacement and dropout (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public ProductVectorQuantizer build() {
            if (config == null) {
                throw new IllegalArgumentException("a product vector quantizer needs a configuration");
            }
            if (!QuantizerConfig.PVQ.equals(config.kind())) {
                throw new IllegalArgumentException("configuration kind is '" + config.kind() + "', not 'pvq'");
            }
            return new ProductVectorQuantizer(this);
        }
    }
}
