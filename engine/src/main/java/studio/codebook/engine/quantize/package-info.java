/**
 * Vector quantizers that turn the codec's continuous latent into K streams of discrete codes:
 * {@link studio.codebook.engine.quantize.ResidualVectorQuantizer} (RVQ, as EnCodec) and
 * {@link studio.codebook.engine.quantize.ProductVectorQuantizer} (PVQ, one codebook per sub-vector),
 * both built from EMA-updated {@link studio.codebook.engine.quantize.Codebook}s. They also expose the
 * K per-stage continuous streams that the independence loss constrains.
 */
package studio.codebook.engine.quantize;
