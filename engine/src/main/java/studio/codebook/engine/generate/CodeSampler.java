package studio.codebook.engine.generate;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws one code from a row of logits with temperature, top-k and top-p, in Java: the logits of all
 * codebooks and variants are read back in one copy per step, so sampling costs no native operations, and
 * a seeded {@link Random} per variant makes the result the same on every machine.
 *
 * <p>Top-k finds the k-th largest probability by quick-select (linear time) and samples among the codes
 * at or above it (ties at the threshold are all kept); top-p sorts once per row.
 */
final class CodeSampler {

    private final int topK;
    private final double topP;
    private final double temperature;
    private final float[] probabilities;
    private final float[] scratch;
    private final long[] packed;

    CodeSampler(int cardinality, int topK, double topP, double temperature) {
        this.topK = topK;
        this.topP = topP;
        this.temperature = temperature;
        this.probabilities = new float[cardinality];
        this.scratch = new float[cardinality];
        this.packed = new long[cardinality];
    }

    /**
     * Samples from {@code logits[offset .. offset+cardinality)}.
     *
     * @return a code in [0, cardinality)
     */
    int sample(float[] logits, int offset, Random random) {
        int n = probabilities.length;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        if (!Float.isFinite(max)) {
            throw new IllegalStateException("the model produced non-finite logits; the model file may be damaged");
        }
        double invT = 1.0 / temperature;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float p = (float) Math.exp((logits[offset + i] - max) * invT);
            probabilities[i] = p;
            sum += p;
        }
        if (topP > 0) {
            return sampleNucleus(sum, random);
        }
        if (topK > 0 && topK < n) {
            return sampleTopK(random);
        }
        return sampleAmong(0f, sum, random);
    }

    private int sampleTopK(Random random) {
        System.arraycopy(probabilities, 0, scratch, 0, scratch.length);
        float threshold = kthLargest(scratch, topK);
        double kept = 0;
        for (float p : probabilities) {
            if (p >= threshold) {
                kept += p;
            }
        }
        return sampleAmong(threshold, kept, random);
    }

    /** Samples among codes with probability ≥ threshold, whose total is {@code mass}, in index order. */
    private int sampleAmong(float threshold, double mass, Random random) {
        double u = random.nextDouble() * mass;
        int last = -1;
        for (int i = 0; i < probabilities.length; i++) {
            float p = probabilities[i];
            if (p >= threshold) {
                last = i;
                u -= p;
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    private int sampleNucleus(double sum, Random random) {
        int n = probabilities.length;
        // positive floats order like their bit patterns: pack (probability, index) and sort once
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) Float.floatToRawIntBits(probabilities[i]) << 32) | i;
        }
        Arrays.sort(packed);
        double target = topP * sum;
        double cumulative = 0;
        int first = n;
        while (first > 0 && cumulative < target) {
            first--;
            cumulative += probabilities[(int) packed[first]];
        }
        double u = random.nextDouble() * cumulative;
        for (int j = n - 1; j >= first; j--) {
            int i = (int) packed[j];
            u -= probabilities[i];
            if (u < 0) {
                return i;
            }
        }
        return (int) packed[first];
    }

    /** The k-th largest value (1-based k) by quick-select; reorders {@code a}. */
    static float kthLargest(float[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1;
        while (lo < hi) {
            float pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }
}
