/**
 * Vector quantizers that turn the codec's continuous latent into K streams of discrete codes:
 * {@link studio.codebook.engine.quantize.ResidualVectorQuantizer} (RVQ, as EnCodec) and
 * {@link studio.codebook.engine.quantize.ProductVectorQuantizer} (PVQ, one codebook per sub-vector),
 * both built from EMA-updated {@link studio.codebook.engine.quantize.Codebook}s (k-means initialised,
 * dead entries replaced) and made with {@link studio.codebook.engine.quantize.Quantizer#create}. They
 * also expose the K per-stage continuous streams that the independence loss constrains, computed
 * without touching the codebooks.
 *
 * <p>All codebook state is DJL parameters that need no gradient ({@code 01codebook_entries},
 * {@code 01codebook_cluster_sizes}, {@code 01codebook_sums}, {@code 01codebook_initialised}, then
 * {@code 02codebook_…}), so a model file saves and restores a quantizer through
 * {@code getParameters()}; every method keeps its temporaries in an {@link ai.djl.ndarray.NDScope} and
 * returns its results on the input's manager.
 */
package studio.codebook.engine.quantize;
