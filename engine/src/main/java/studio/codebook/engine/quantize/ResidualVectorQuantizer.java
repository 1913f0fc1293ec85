package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import studio.codebook.engine.device.Scalars;

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
        super(builder.config, builder.seed, builder.config.dimension());
        this.commitmentThroughAllStages = builder.commitmentThroughAllStages;
    }

    public static Builder builder() {
        return new Builder();
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
            NDArray x = frames(latent); // [N, D], on the latent's graph
            NDArray r = x; // residual entering the stage, identity gradient to x
            NDArray sum = null;
            NDArray lossSum = null;
            NDList stageCodes = new NDList(used);
            for (int k = 0; k < used; k++) {
                Codebook codebook = codebook(k);
                NDArray rd = r.stopGradient();
                if (training) {
                    codebook.initialiseIfNeeded(ps, rd);
                }
                NDArray c = codebook.encode(ps, rd);
                NDArray q = codebook.decode(ps, c);
                if (training) {
                    codebook.update(ps, rd, c);
                }
                NDArray committed = (k == 0 || commitmentThroughAllStages) ? r : rd;
                NDArray stageLoss = committed.sub(q).square().mean();
                lossSum = lossSum == null ? stageLoss : lossSum.add(stageLoss);
                sum = sum == null ? q : sum.add(q);
                r = r.sub(q);
                stageCodes.add(c);
            }
            NDArray out = training ? x.add(sum.sub(x).stopGradient()) : sum;
            quantized = keep(unframes(out, batch, time));
            codes = keep(stackCodes(stageCodes, batch, time));
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
            NDArray r = frames(latent).stopGradient();
            NDList stageCodes = new NDList(k);
            for (int s = 0; s < k; s++) {
                NDArray c = codebook(s).encode(ps, r);
                if (s + 1 < k) {
                    r = r.sub(codebook(s).decode(ps, c));
                }
                stageCodes.add(c);
            }
            codes = keep(stackCodes(stageCodes, batch, time));
        }
        handOver(latent.getManager(), codes);
        return codes;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray decode(ParameterStore ps, NDArray codes) {
        checkCodes(codes);
        if (!isInitialized()) {
            throw new IllegalStateException("decode before the quantizer's parameters were initialised or loaded");
        }
        long batch = codes.getShape().get(0);
        long k = codes.getShape().get(1);
        long time = codes.getShape().get(2);
        NDArray latent;
        NDManager manager = codes.getManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray sum = null;
            for (int s = 0; s < k; s++) {
                NDArray stage = codes.get(new NDIndex(":, {}, :", s)).reshape(-1); // [B·T], b-major
                NDArray q = codebook(s).decode(ps, stage);
                sum = sum == null ? q : sum.add(q);
            }
            latent = keep(unframes(sum, batch, time));
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
        int stages = numCodebooks();
        NDArray[] out = new NDArray[stages];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray r = frames(latent);
            for (int k = 0; k < stages; k++) {
                Codebook codebook = codebook(k);
                NDArray rd = r.stopGradient();
                NDArray q = codebook.decode(ps, codebook.encode(ps, rd));
                NDArray next = r.sub(q);
                NDArray stream;
                switch (kind) {
                    case CODEWORD:
                        stream = q.add(r.sub(rd));
                        break;
                    case STAGE_INPUT:
                        stream = r;
                        break;
                    case STAGE_RESIDUAL:
                        stream = next;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown stream kind " + kind);
                }
                out[k] = keep(unframes(stream, batch, time));
                r = next;
            }
        }
        handOver(latent.getManager(), out);
        return new NDList(out);
    }

    /** Builds a {@link ResidualVectorQuantizer}: {@code setConfig} is required (kind "rvq"). */
    public static final class Builder {
        private QuantizerConfig config;
        private long seed;
        private boolean commitmentThroughAllStages;

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

        /**
         * Whether the commitment terms of stages 2..K also send gradient to the latent (default false,
         * as audiocraft, where only stage 1's term does).
         */
        public Builder optCommitmentThroughAllStages(boolean all) {
            this.commitmentThroughAllStages = all;
            return this;
        }

        public ResidualVectorQuantizer build() {
            if (config == null) {
                throw new IllegalArgumentException("a residual vector quantizer needs a configuration");
            }
            if (!QuantizerConfig.RVQ.equals(config.kind())) {
                throw new IllegalArgumentException("configuration kind is '" + config.kind() + "', not 'rvq'");
            }
            return new ResidualVectorQuantizer(this);
        }
    }
}
