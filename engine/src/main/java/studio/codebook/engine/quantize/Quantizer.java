package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Turns a continuous latent [B, D, T] into K streams of codes and back.
 *
 * <p>Every piece of state that must be saved with a model (codebook entries, EMA cluster sizes and
 * sums, whether k-means initialisation has happened) is a DJL parameter of this block, so the model
 * files can save and restore any quantizer through {@link Block#getParameters()} alone. Parameters that
 * are EMA-updated are marked as not requiring gradients.
 */
public interface Quantizer extends Block {

    /**
     * The quantizer a configuration describes: a {@link ResidualVectorQuantizer} for kind "rvq", a
     * {@link ProductVectorQuantizer} for "pvq".
     *
     * @param seed seeds k-means initialisation, dead-code replacement and dropout
     */
    static Quantizer create(QuantizerConfig config, long seed) {
        if (QuantizerConfig.PVQ.equals(config.kind())) {
            return ProductVectorQuantizer.builder().setConfig(config).optSeed(seed).build();
        }
        return ResidualVectorQuantizer.builder().setConfig(config).optSeed(seed).build();
    }

    /** The configuration this quantizer was built from. */
    QuantizerConfig config();

    /** K. */
    default int numCodebooks() {
        return config().codebooks();
    }

    /** Entries per codebook. */
    default int codebookSize() {
        return config().codebookSize();
    }

    /** D. */
    default int dimension() {
        return config().dimension();
    }

    /**
     * Quantizes with all K codebooks, or in training with the number dropout picks.
     *
     * <p>In training (and only then) the codebooks are initialised by k-means on the first batch, EMA
     * updated, and their dead entries replaced; the result carries the straight-through gradient and the
     * commitment loss.
     *
     * @param parameterStore where parameter arrays live for this device
     * @param latent [B, D, T]
     * @param training whether to update codebooks and apply dropout
     */
    QuantizedLatent quantize(ParameterStore parameterStore, NDArray latent, boolean training);

    /**
     * Codes of the first {@code k} codebooks for a latent, with no update of any state.
     *
     * @param latent [B, D, T]
     * @param k 1..K
     * @return [B, k, T], int64
     */
    NDArray encode(ParameterStore parameterStore, NDArray latent, int k);

    /**
     * The latent that codes stand for.
     *
     * @param codes [B, k, T] integer codes of the first k codebooks (k ≤ K)
     * @return [B, D, T], float32
     */
    NDArray decode(ParameterStore parameterStore, NDArray codes);

    /**
     * Restarts the quantizer's random draws (k-means centres, dead-code replacements, dropout) from a seed,
     * so that a training run resumed from a checkpoint draws exactly what an uninterrupted one would: the
     * trainer reseeds from (seed, step) before every step.
     */
    void reseed(long seed);

    /**
     * The K per-stage continuous streams the independence loss constrains (METHOD.md, point 1): with
     * gradients back to the latent, and without touching the EMA codebooks or replacing dead codes.
     *
     * @param latent [B, D, T], attached to the encoder's graph
     * @param kind which vector stands for stage k
     * @return K arrays; for RVQ each is [B, D, T], for PVQ each is [B, D/K, T]
     */
    NDList streams(ParameterStore parameterStore, NDArray latent, StreamKind kind);
}
