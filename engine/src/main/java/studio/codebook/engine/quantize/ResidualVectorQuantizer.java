package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import studio.codebook.engine.init.SeededBlockBuilder;

/**
 * Residual vector quantizer (EnCodec, SoundStream): stage k quantizes, greedily, the residual the
 * stages 1…k−1 left; the quantized latent is the sum of the K codewords.
 *
 * <p>Training ({@code quantize(…, true)}):
 *
 * <ul>
 *   <li>each stage's codebook is k-means initialised on its first residual batch, then EMA updated and
 *       its dead entries replaced (see {@link Codebook});
 *   <li>the output is x + sg(Σq − x): forward value Σq, gradient identity to the latent;
 *   <li><b>quantizer dropout</b>: with probability {@code dropoutProbability} the whole batch uses the
 *       first n stages, n uniform in 1..K (as audiocraft's {@code q_dropout}); stages beyond n are not run
 *       and not updated. Eval never drops.
 * </ul>
 *
 * <p><b>Commitment loss</b> = commitmentWeight · (1/n) Σ_{k≤n} MSE(r_k, sg(q_k)), with r_k the residual
 * entering stage k and n the stages used: the per-stage losses are <em>averaged</em>, as audiocraft does
 * ({@code penalty = mean(stacked per-layer losses)}). Its gradient also follows audiocraft by default:
 * there, each stage's own straight-through makes the residuals after stage 1 carry no gradient, so only
 * the stage-1 term, MSE(x, sg(q_1))/n, reaches the encoder. {@link Builder#optCommitmentThroughAllStages}
 * lets every r_k = x − Σ_{j<k} sg(q_j) carry the identity gradient instead. The value is the same
 * either way; it is also computed in eval (for validation), where it carries no special meaning for
 * gradients.
 *
 * <p><b>Streams</b> (METHOD.md point 1), always all K stages, never touching the codebooks: with
 * r_1 = x and r_{k+1} = r_k − sg(q_k) (so each r_k has the identity gradient to the latent),
 *
 * <ul>
 *   <li>CODEWORD: q_k + (r_k − sg(r_k)) — forward value exactly q_k, gradient identity to the latent;
 *       earlier codewords enter only detached;
 *   <li>STAGE_INPUT: r_k;
 *   <li>STAGE_RESIDUAL: r_k − sg(q_k) = r_{k+1}.
 * </ul>
 */
public final class ResidualVectorQuantizer extends AbstractQuantizer {

    private final boolean commitmentThroughAllStages;

    private ResidualVectorQuantizer(Builder builder) {
        super(builder.config(), builder.seed(), builder.config().dimension());
        this.commitmentThroughAllStages = builder.commitmentThroughAllStages;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected QuantizedLatent quantizeInternal(ParameterStore ps, NDArray latent, int used, boolean training) {
        NDArray x = frames(latent); // [N, D], on the latent's graph
        NDArray r = x; // residual entering the stage, identity gradient to x
        NDArray sum = null;
        NDArray lossSum = null;
        NDList stageCodes = new NDList(used);
        for (int k = 0; k < used; k++) {
            NDArray rd = r.stopGradient();
            Assignment a = assign(ps, k, rd, training);
            NDArray q = a.codewords();
            NDArray committed = (k == 0 || commitmentThroughAllStages) ? r : rd;
            lossSum = plus(lossSum, committed.sub(q).square().mean());
            sum = plus(sum, q);
            r = r.sub(q);
            stageCodes.add(a.codes());
        }
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        NDArray out = training ? x.add(sum.sub(x).stopGradient()) : sum;
        return new QuantizedLatent(unframes(out, batch, time), stackCodes(stageCodes, batch, time),
                commitmentLoss(lossSum, used), used);
    }

    @Override
    protected NDList encodeInternal(ParameterStore ps, NDArray detachedLatent, int k) {
        NDArray r = frames(detachedLatent);
        NDList stageCodes = new NDList(k);
        for (int s = 0; s < k; s++) {
            NDArray c = codebook(s).encode(ps, r);
            if (s + 1 < k) {
                r = r.sub(codebook(s).decode(ps, c));
            }
            stageCodes.add(c);
        }
        return stageCodes;
    }

    @Override
    protected NDArray decodeInternal(ParameterStore ps, NDArray codes) {
        NDArray sum = null;
        for (int s = 0; s < codes.getShape().get(1); s++) {
            sum = plus(sum, codebook(s).decode(ps, stageCodes(codes, s)));
        }
        return unframes(sum, codes.getShape().get(0), codes.getShape().get(2));
    }

    @Override
    protected NDList streamsInternal(ParameterStore ps, NDArray latent, StreamKind kind) {
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        NDList streams = new NDList(numCodebooks());
        NDArray r = frames(latent);
        for (int k = 0; k < numCodebooks(); k++) {
            NDArray q = assign(ps, k, r.stopGradient(), false).codewords();
            streams.add(unframes(kind.of(r, q), batch, time));
            r = r.sub(q);
        }
        return streams;
    }

    /** Builds a {@link ResidualVectorQuantizer}: {@code setConfig} is required (kind "rvq"). */
    public static final class Builder extends SeededBlockBuilder<QuantizerConfig, Builder> {
        private boolean commitmentThroughAllStages;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Whether the commitment terms of stages 2..K also send gradient to the latent (default false,
         * as audiocraft, where only stage 1's term does).
         */
        public Builder optCommitmentThroughAllStages(boolean all) {
            this.commitmentThroughAllStages = all;
            return this;
        }

        public ResidualVectorQuantizer build() {
            checkKind(requireConfig("a residual vector quantizer needs a configuration"), QuantizerConfig.RVQ);
            return new ResidualVectorQuantizer(this);
        }
    }
}
