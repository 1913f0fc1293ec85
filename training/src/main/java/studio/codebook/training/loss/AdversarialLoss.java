package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import java.util.List;
import studio.codebook.training.loss.AdversarialConfig.GeneratorLoss;
import studio.codebook.engine.device.Scalars;

/**
 * The three terms of adversarial codec training, on the outputs of a {@link MultiScaleStftDiscriminator}
 * (each a scalar on the first input's manager; every term is averaged over positions, then over scales):
 *
 * <ul>
 *   <li>{@link #discriminator}: hinge, mean relu(1 − D(real)) + mean relu(1 + D(fake)) — the fake must be
 *       detached by the caller so that this trains the discriminator only;
 *   <li>{@link #generator}: mean relu(1 − D(fake)) ({@link GeneratorLoss#HINGE_MARGIN}, audiocraft's
 *       "hinge2") or −mean D(fake) ({@link GeneratorLoss#HINGE_LINEAR}, audiocraft's "hinge", which the
 *       EnCodec configuration uses);
 *   <li>{@link #featureMatching}: per layer, mean |f_fake − f_real| / mean |f_real| (the EnCodec paper's
 *       relative L1; audiocraft's code computes the denominator but does not apply it), averaged over the
 *       layers and the scales. The real features are detached here: they are the target.
 * </ul>
 */
public final class AdversarialLoss {

    /** Keeps the relative feature distance finite when a real feature map is all zero. */
    static final float EPSILON = 1e-8f;

    private AdversarialLoss() {}

    /** The discriminator's hinge loss. */
    public static NDArray discriminator(List<NDArray> realLogits, List<NDArray> fakeLogits) {
        check(realLogits.size() == fakeLogits.size() && !realLogits.isEmpty(), "one logits array per scale");
        NDArray sum = null;
        for (int s = 0; s < realLogits.size(); s++) {
            NDArray real = hinge(realLogits.get(s).neg().add(1));
            NDArray fake = hinge(fakeLogits.get(s).add(1));
            NDArray term = real.add(fake);
            sum = sum == null ? term : sum.add(term);
        }
        return sum.div(realLogits.size());
    }

    /** The generator's adversarial term. */
    public static NDArray generator(List<NDArray> fakeLogits, GeneratorLoss kind) {
        check(!fakeLogits.isEmpty(), "one logits array per scale");
        NDArray sum = null;
        for (NDArray logits : fakeLogits) {
            NDArray term = kind == GeneratorLoss.HINGE_LINEAR ? logits.mean().neg()
                    : hinge(logits.neg().add(1));
            sum = sum == null ? term : sum.add(term);
        }
        return sum.div(fakeLogits.size());
    }

    /** Relative L1 feature matching; gradients reach the fake features only. */
    public static NDArray featureMatching(List<List<NDArray>> realFeatures, List<List<NDArray>> fakeFeatures) {
        check(realFeatures.size() == fakeFeatures.size() && !realFeatures.isEmpty(), "one feature list per scale");
        NDArray sum = null;
        int count = 0;
        for (int s = 0; s < realFeatures.size(); s++) {
            List<NDArray> real = realFeatures.get(s);
            List<NDArray> fake = fakeFeatures.get(s);
            check(real.size() == fake.size() && !real.isEmpty(), "scale " + s + ": as many real as fake features");
            NDArray scale = null;
            for (int l = 0; l < real.size(); l++) {
                NDArray r = real.get(l).stopGradient();
                check(r.getShape().equals(fake.get(l).getShape()), "scale " + s + " layer " + l + ": shapes differ");
                NDArray term = fake.get(l).sub(r).abs().mean().div(r.abs().mean().add(EPSILON));
                scale = scale == null ? term : scale.add(term);
            }
            NDArray mean = scale.div(real.size());
            sum = sum == null ? mean : sum.add(mean);
            count++;
        }
        return sum.div(count);
    }

    /** mean(relu(x)), with a libtorch-owned zero (see {@code Scalars}). */
    private static NDArray hinge(NDArray x) {
        return x.maximum(Scalars.of(x, 0)).mean();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
