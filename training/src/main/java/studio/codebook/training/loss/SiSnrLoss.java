package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import studio.codebook.engine.device.Scalars;

/**
 * The negative scale-invariant signal-to-noise ratio in dB, as audiocraft's {@code SISNR} loss with no
 * segmenting (each signal of the batch is one segment, which is what audiocraft's 20 s default amounts to
 * for our 1 s training segments): per row, both signals centred, s = (⟨e, r⟩ / (ε + ‖r‖²)) · r the part of
 * the estimate along the reference, SI-SNR = 10 · (log10(ε + ‖s‖²) − log10(ε + ‖e − s‖²)); the loss is
 * −mean over rows. ε is float32's machine epsilon, as there.
 *
 * <p>Unlike the mel loss it depends on the waveform's phase, so a decoder trained with it learns to put
 * the waveform where the reference is, not only the right energy in each band. Only the estimate receives
 * gradients. {@link AudioMetrics#siSnr} is the evaluation twin (float64, in Java).
 */
public final class SiSnrLoss {

    /** torch.finfo(torch.float32).eps. */
    static final double EPSILON = Math.ulp(1.0f);

    private SiSnrLoss() {}

    /**
     * @param estimate [B, C, L], attached to a graph
     * @param reference the same shape
     * @return a scalar: −mean SI-SNR (dB) over the B × C rows
     */
    public static NDArray compute(NDArray estimate, NDArray reference) {
        if (!estimate.getShape().equals(reference.getShape()) || estimate.getShape().dimension() != 3) {
            throw new IllegalArgumentException("estimate and reference must both be [B, C, L] and equal, got "
                    + estimate.getShape() + " and " + reference.getShape());
        }
        NDArray r = reference.stopGradient();
        r = r.sub(r.mean(new int[] {-1}, true));
        NDArray e = estimate.sub(estimate.mean(new int[] {-1}, true));
        NDArray dot = e.mul(r).sum(new int[] {-1}, true);
        NDArray energy = r.square().sum(new int[] {-1}, true).add(Scalars.of(r, EPSILON));
        NDArray projection = dot.div(energy).mul(r);
        NDArray noise = e.sub(projection);
        NDArray signalPower = projection.square().sum(new int[] {-1}).add(Scalars.of(e, EPSILON)).log10();
        NDArray noisePower = noise.square().sum(new int[] {-1}).add(Scalars.of(e, EPSILON)).log10();
        NDArray snr = signalPower.sub(noisePower).mul(Scalars.of(e, 10.0));
        return snr.mean().neg();
    }
}
