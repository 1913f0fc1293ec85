package studio.codebook.training.loss;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;

/**
 * The codec's optional adversarial loss: the multi-scale STFT discriminator's shape, its own optimiser, and
 * the weights of the two generator terms (REFERENCE.md, "Codec losses").
 *
 * <p>Why the defaults differ from the reference:
 * <ul>
 *   <li><b>Weights 1 and 1</b> (reference 4 and 4): the reference's weights are shares of a gradient
 *       balancer's total norm (adv 4, feat 4, msspec 2, L1 0.1), so there the reconstruction keeps a fixed
 *       fifth of the update whatever the discriminator does. We have no balancer; the weights multiply raw
 *       losses. Both terms start near 1 (hinge ≈ 1, relative feature distance ≈ 1), like the weighted mel term,
 *       so weights of 1 give the adversarial terms roughly the reconstruction's weight; 4 and 4 would let an
 *       untrained discriminator dominate the codec's first updates.
 *   <li><b>3 scales, n_fft 256, 512, 1024</b> (reference 5 scales, 128 … 2048 at 32 kHz): at our 16 kHz these
 *       are 16, 32 and 64 ms windows, the three longest windows of the reference in time; every scale costs
 *       about the same (frames × bins ≈ 2 × samples), so dropping two cuts the discriminator's cost by 40%.
 *   <li><b>16 filters</b> (reference 32): the inner convolutions cost ∝ filters², a quarter here, for our CPU.
 * </ul>
 *
 * @param adversarialWeight weight of the generator's adversarial term ({@code adv})
 * @param featureWeight weight of the feature-matching term ({@code fm})
 * @param fftSizes one discriminator per STFT size (window = n_fft, Hann, hop n_fft / 4); multiples of 4,
 *     at least 8, distinct
 * @param filters channels of every inner convolution
 * @param negativeSlope LeakyReLU slope (0.3 in the EnCodec config; audiocraft's class default is 0.2)
 * @param learningRate the discriminator's Adam rate (constant, no schedule, no clipping, as in audiocraft)
 * @param beta1 the discriminator's Adam β₁
 * @param beta2 the discriminator's Adam β₂
 * @param generatorLoss how the generator's adversarial term reads the fake logits
 */
public record AdversarialConfig(
        double adversarialWeight,
        double featureWeight,
        List<Integer> fftSizes,
        int filters,
        double negativeSlope,
        double learningRate,
        double beta1,
        double beta2,
        GeneratorLoss generatorLoss) {

    public static final List<Integer> DEFAULT_FFT_SIZES = List.of(256, 512, 1024);

    /** The generator's adversarial term on the fake logits x (averaged over positions, then over scales). */
    public enum GeneratorLoss {
        /** mean relu(1 − x): bounded, stops pushing once the discriminator is fooled by a margin of 1
         * (audiocraft's "hinge2"). */
        HINGE_MARGIN,
        /** −mean x: audiocraft's "hinge", the EnCodec configuration's choice; unbounded. */
        HINGE_LINEAR
    }

    @JsonCreator
    public AdversarialConfig(
            @JsonProperty("adversarialWeight") double adversarialWeight,
            @JsonProperty("featureWeight") double featureWeight,
            @JsonProperty("fftSizes") List<Integer> fftSizes,
            @JsonProperty("filters") int filters,
            @JsonProperty("negativeSlope") double negativeSlope,
            @JsonProperty("learningRate") double learningRate,
            @JsonProperty("beta1") double beta1,
            @JsonProperty("beta2") double beta2,
            @JsonProperty("generatorLoss") GeneratorLoss generatorLoss) {
        if (!(adversarialWeight >= 0) || !(featureWeight >= 0) || Double.isInfinite(adversarialWeight)
                || Double.isInfinite(featureWeight)) {
            throw new IllegalArgumentException("adversarial: weights must be finite and >= 0");
        }
        List<Integer> sizes = fftSizes == null ? DEFAULT_FFT_SIZES : List.copyOf(fftSizes);
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n == null || n < 8 || n % 4 != 0)
                || new HashSet<>(sizes).size() != sizes.size()) {
            throw new IllegalArgumentException("adversarial: fftSizes must be distinct multiples of 4, each >= 8, not "
                    + fftSizes);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("adversarial: filters must be >= 1, not " + filters);
        }
        if (!(negativeSlope >= 0 && negativeSlope < 1)) {
            throw new IllegalArgumentException("adversarial: negativeSlope must be in [0, 1), not " + negativeSlope);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("adversarial: the discriminator's learningRate must be > 0");
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("adversarial: betas must be in [0, 1)");
        }
        this.adversarialWeight = adversarialWeight;
        this.featureWeight = featureWeight;
        this.fftSizes = sizes;
        this.filters = filters;
        this.negativeSlope = negativeSlope;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.generatorLoss = generatorLoss == null ? GeneratorLoss.HINGE_MARGIN : generatorLoss;
    }

    /** Weights 1 and 1, n_fft 256/512/1024, 16 filters, slope 0.3, Adam 3e-4 (0.5, 0.9), margin hinge. */
    public static AdversarialConfig defaults() {
        return new AdversarialConfig(1.0, 1.0, DEFAULT_FFT_SIZES, 16, 0.3, 3e-4, 0.5, 0.9, GeneratorLoss.HINGE_MARGIN);
    }

    public AdversarialConfig withWeights(double adversarial, double feature) {
        return new AdversarialConfig(adversarial, feature, fftSizes, filters, negativeSlope, learningRate, beta1,
                beta2, generatorLoss);
    }

    public AdversarialConfig withDiscriminator(List<Integer> sizes, int filterCount) {
        return new AdversarialConfig(adversarialWeight, featureWeight, sizes, filterCount, negativeSlope,
                learningRate, beta1, beta2, generatorLoss);
    }

    public AdversarialConfig withLearningRate(double rate) {
        return new AdversarialConfig(adversarialWeight, featureWeight, fftSizes, filters, negativeSlope, rate, beta1,
                beta2, generatorLoss);
    }
}
