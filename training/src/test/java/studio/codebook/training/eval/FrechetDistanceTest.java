package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void identicalSetsAreAtDistanceZero() {
        Random random = new Random(1);
        double[][] x = new double[40][6];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian() * (j + 1) + j;
            }
        }
        assertEquals(0, FrechetDistance.between(x, x), 1e-9);
    }

    @Test
    void singularCovariancesOfIdenticalSetsAreAtDistanceZeroToo() {
        // fewer samples than dimensions, as with a few generated clips and a 128-dim embedding
        Random random = new Random(2);
        double[][] x = new double[5][20];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        assertEquals(0, FrechetDistance.between(x, x), 1e-6);
    }

    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        double[] m1 = {0, 1, -2, 3.5};
        double[] m2 = {1, 1, 0.5, -1};
        double[] v1 = {1, 4, 0.25, 9};
        double[] v2 = {2, 1, 0.25, 0.01};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += (m1[i] - m2[i]) * (m1[i] - m2[i]) + v1[i] + v2[i] - 2 * Math.sqrt(v1[i] * v2[i]);
        }
        assertEquals(expected, FrechetDistance.between(m1, diag(v1), m2, diag(v2)), 1e-6);
    }

    @Test
    void covariancesWithSharedEigenvectorsMatchTheClosedForm() {
        int d = 7;
        double[][] q = randomRotation(d, new Random(3));
        double[] a = {1, 2, 3, 4, 5, 0.5, 0.1};
        double[] b = {4, 1, 0.3, 2, 5, 0.05, 3};
        double expected = 0;
        for (int i = 0; i < d; i++) {
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        double[] zero = new double[d];
        assertEquals(expected, FrechetDistance.between(zero, conjugate(q, a), zero, conjugate(q, b)), 1e-6);
    }

    @Test
    void nonCommutingTwoByTwoCovariancesMatchTheClosedForm() {
        // for 2×2 M = Σ₁Σ₂ with eigenvalues λ₁, λ₂ ≥ 0: tr M^½ = √λ₁ + √λ₂ = √(tr M + 2√det M)
        double[][] s1 = {{2, 0.8}, {0.8, 1}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 3}};
        double[][] m = FrechetDistance.multiply(s1, s2);
        double trM = m[0][0] + m[1][1];
        double detM = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        double traceSqrt = Math.sqrt(trM + 2 * Math.sqrt(detM));
        double[] mu1 = {1, 2};
        double[] mu2 = {-1, 0.5};
        double expected = 4 + 2.25 + (2 + 1) + (0.5 + 3) - 2 * traceSqrt;
        assertEquals(expected, FrechetDistance.between(mu1, s1, mu2, s2), 1e-6);
    }

    @Test
    void samplesOfTwoKnownGaussiansGiveTheirDistance() {
        Random random = new Random(4);
        double[] v1 = {1, 4, 0.25};
        double[] v2 = {2, 1, 1};
        double[] shift = {1, 0, -1};
        double[][] x = new double[20_000][3];
        double[][] y = new double[20_000][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = Math.sqrt(v1[j]) * random.nextGaussian();
                y[i][j] = Math.sqrt(v2[j]) * random.nextGaussian() + shift[j];
            }
        }
        double expected = 2;
        for (int j = 0; j < 3; j++) {
            expected += v1[j] + v2[j] - 2 * Math.sqrt(v1[j] * v2[j]);
        }
        assertEquals(expected, FrechetDistance.between(x, y), 0.1);
    }

    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        Random random = new Random(5);
        int d = 30;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        double worst = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += e.vectors()[i][k] * e.values()[k] * e.vectors()[j][k];
                }
                worst = Math.max(worst, Math.abs(sum - a[i][j]));
            }
        }
        assertTrue(worst < 1e-10, "reconstruction error " + worst);
    }

    @Test
    void squareRootSquaresBack() {
        double[][] q = randomRotation(5, new Random(6));
        double[][] s = conjugate(q, new double[] {0.1, 1, 2, 5, 10});
        double[][] r = FrechetDistance.sqrtPsd(s);
        double[][] rr = FrechetDistance.multiply(r, r);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(s[i][j], rr[i][j], 1e-10);
            }
        }
    }

    private static double[][] diag(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }

    /** Q diag(v) Qᵀ. */
    private static double[][] conjugate(double[][] q, double[] v) {
        int d = v.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    out[i][j] += q[i][k] * v[k] * q[j][k];
                }
            }
        }
        return out;
    }

    /** An orthogonal matrix from Gram-Schmidt on Gaussian columns. */
    private static double[][] randomRotation(int d, Random random) {
        double[][] cols = new double[d][d];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < d; i++) {
                cols[c][i] = random.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += cols[c][i] * cols[p][i];
                }
                for (int i = 0; i < d; i++) {
                    cols[c][i] -= dot * cols[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += cols[c][i] * cols[c][i];
            }
            for (int i = 0; i < d; i++) {
                cols[c][i] /= Math.sqrt(norm);
            }
        }
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < d; c++) {
                q[i][c] = cols[c][i];
            }
        }
        return q;
    }
}
