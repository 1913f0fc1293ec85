package studio.codebook.engine.stats;

import java.util.Random;

/** Codes built for tests, from fixed seeds. */
final class ConstructedCodes {

    private ConstructedCodes() {
    }

    /** K independent uniform streams of T codes in [0, V). */
    static int[][] uniform(Random random, int numCodebooks, int frames, int codebookSize) {
        int[][] codes = new int[numCodebooks][frames];
        for (int k = 0; k < numCodebooks; k++) {
            for (int t = 0; t < frames; t++) {
                codes[k][t] = random.nextInt(codebookSize);
            }
        }
        return codes;
    }

    /** Σ p log₂ (p / (p_x p_y)) of a joint table. */
    static double analyticMutualInformation(double[][] joint) {
        double[] px = new double[joint.length];
        double[] py = new double[joint[0].length];
        for (int a = 0; a < joint.length; a++) {
            for (int b = 0; b < joint[a].length; b++) {
                px[a] += joint[a][b];
                py[b] += joint[a][b];
            }
        }
        double mi = 0;
        for (int a = 0; a < joint.length; a++) {
            for (int b = 0; b < joint[a].length; b++) {
                if (joint[a][b] > 0) {
                    mi += joint[a][b] * Math.log(joint[a][b] / (px[a] * py[b])) / Math.log(2);
                }
            }
        }
        return mi;
    }
}
