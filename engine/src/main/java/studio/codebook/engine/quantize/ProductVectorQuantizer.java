package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import studio.codebook.engine.init.SeededBlockBuilder;

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
        super(builder.config(), builder.seed(), builder.config().dimension() / builder.config().codebooks());
        this.subDimension = builder.config().dimension() / builder.config().codebooks();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** D/K, the dimension of each sub-vector and codebook entry. */
    public int subDimension() {
        return subDimension;
    }

    @Override
    protected QuantizedLatent quantizeInternal(ParameterStore ps, NDArray latent, int used, boolean training) {
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        NDList subVectors = latent.split(numCodebooks(), 1);
        NDList parts = new NDList(numCodebooks());
        NDList usedCodes = new NDList(used);
        NDArray lossSum = null;
        for (int k = 0; k < numCodebooks(); k++) {
            if (k >= used) {
                parts.add(latent.getManager().zeros(new Shape(batch, subDimension, time), latent.getDataType()));
                continue;
            }
            NDArray x = frames(subVectors.get(k));
            Assignment a = assign(ps, k, x.stopGradient(), training);
            NDArray q = a.codewords();
            lossSum = plus(lossSum, x.sub(q).square().mean());
            NDArray out = training ? x.add(q.sub(x).stopGradient()) : q;
            parts.add(unframes(out, batch, time));
            usedCodes.add(a.codes());
        }
        return new QuantizedLatent(NDArrays.concat(parts, 1), stackCodes(usedCodes, batch, time),
                commitmentLoss(lossSum, used), used);
    }

    @Override
    protected NDList encodeInternal(ParameterStore ps, NDArray detachedLatent, int k) {
        NDList subVectors = detachedLatent.split(numCodebooks(), 1);
        NDList perCodebook = new NDList(k);
        for (int s = 0; s < k; s++) {
            perCodebook.add(codebook(s).encode(ps, frames(subVectors.get(s))));
        }
        return perCodebook;
    }

    /** With codes of k &lt; K codebooks, sub-vectors k+1..K of the result are zeros. */
    @Override
    protected NDArray decodeInternal(ParameterStore ps, NDArray codes) {
        long batch = codes.getShape().get(0);
        long k = codes.getShape().get(1);
        long time = codes.getShape().get(2);
        NDList parts = new NDList(numCodebooks());
        for (int s = 0; s < numCodebooks(); s++) {
            if (s < k) {
                parts.add(unframes(codebook(s).decode(ps, stageCodes(codes, s)), batch, time));
            } else {
                parts.add(codes.getManager().zeros(new Shape(batch, subDimension, time)));
            }
        }
        return NDArrays.concat(parts, 1);
    }

    @Override
    protected NDList streamsInternal(ParameterStore ps, NDArray latent, StreamKind kind) {
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        NDList subVectors = latent.split(numCodebooks(), 1);
        NDList streams = new NDList(numCodebooks());
        for (int k = 0; k < numCodebooks(); k++) {
            NDArray x = frames(subVectors.get(k));
            NDArray q = assign(ps, k, x.stopGradient(), false).codewords();
            streams.add(unframes(kind.of(x, q), batch, time));
        }
        return streams;
    }

    /** Builds a {@link ProductVectorQuantizer}: {@code setConfig} is required (kind "pvq"). */
    public static final class Builder extends SeededBlockBuilder<QuantizerConfig, Builder> {

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public ProductVectorQuantizer build() {
            checkKind(requireConfig("a product vector quantizer needs a configuration"), QuantizerConfig.PVQ);
            return new ProductVectorQuantizer(this);
        }
    }
}
