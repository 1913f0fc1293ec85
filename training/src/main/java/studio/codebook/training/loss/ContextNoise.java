package studio.codebook.training.loss;

import java.util.Random;

/**
 * Noise on the language model's audio context while it learns: a share of a window's input codes replaced by
 * codes drawn uniformly from the codebook, the targets left as they were.
 *
 * <p>At generation the LM reads its own samples back, and where one went astray (a timbre the caption did not
 * ask for) a model trained only on real contexts keeps continuing it: the context predicts the next code
 * better than the caption does. With part of the context unreliable, the caption stays worth reading all
 * window long, and the model learns to steer back to it. Each window draws its share uniformly from
 * [0, {@code maxShare}], so clean contexts are still seen; empty slots (the pattern's special token) stay empty.
 */
public final class ContextNoise {

    private final double maxShare;
    private final Random random;

    /**
     * @param maxShare the largest share of a window's codes to replace, in [0, 1]
     * @param random the source of shares, positions and codes (seeded per step for reproducible runs)
     */
    public ContextNoise(double maxShare, Random random) {
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("context noise must be in [0, 1], not " + maxShare);
        }
        this.maxShare = maxShare;
        this.random = random;
    }

    /**
     * Replaces, in place, a share drawn from [0, maxShare] of the codes in {@code tokens[from, from + length)},
     * one window's input; tokens equal to {@code cardinality} (the special token) are left alone.
     *
     * @return how many codes were replaced
     */
    public int corrupt(long[] tokens, int from, int length, int cardinality) {
        double share = random.nextDouble() * maxShare;
        int replaced = 0;
        for (int i = from; i < from + length; i++) {
            if (tokens[i] != cardinality && random.nextDouble() < share) {
                tokens[i] = random.nextInt(cardinality);
                replaced++;
            }
        }
        return replaced;
    }
}
