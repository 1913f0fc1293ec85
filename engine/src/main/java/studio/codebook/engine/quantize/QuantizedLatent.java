package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;

/**
 * What a quantizer returns for a latent of shape [B, D, T].
 *
 * @param quantized the quantized latent [B, D, T]; in training its gradient flows straight through
 *     to the latent (x + sg(q − x))
 * @param codes the chosen entries [B, K', T] (int64), K' = {@code codebooksUsed}
 * @param commitmentLoss scalar: commitmentWeight × the per-stage MSE(stage input, sg(stage codeword)),
 *     averaged over the stages used (as audiocraft); see the quantizers for which terms carry gradient
 * @param codebooksUsed how many codebooks produced {@code quantized} (fewer than K under dropout or a
 *     reduced bandwidth)
 */
public record QuantizedLatent(NDArray quantized, NDArray codes, NDArray commitmentLoss, int codebooksUsed) {}
