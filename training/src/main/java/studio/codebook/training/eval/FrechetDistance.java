package studio.codebook.training.eval;

/**
 * The Fréchet distance between two Gaussians fitted to two sets of embeddings (FID / FAD):
 * {@code ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)}.
 *
 * <p>The matrix term is computed symmetrically: {@code tr((Σ₁Σ₂)^½)} equals {@code tr((A Σ₂ A)^½)} with
 * {@code A = Σ₁^½}, and {@code A Σ₂ A} is symmetric positive semi-definite, so both square roots come from a
 * symmetric eigen-decomposition (cyclic Jacobi, in double precision); eigenvalues that rounding pushed below
 * zero count as zero. With fewer samples than dimensions the covariances are singular, which this handles,
 * but the estimate is then strongly biased upwards: compare distances measured with the same set sizes only.
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /** The distance between the Gaussians fitted to two sets of row vectors (at least 2 rows each). */
    public static double between(double[][] a, double[][] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("need at least 2 embeddings per set, got " + a.length + " and "
                    + b.length);
        }
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("embeddings of different sizes: " + a[0].length + " and " + b[0].length);
        }
        return between(mean(a), covariance(a), mean(b), covariance(b));
    }

    /** The distance between N(mean1, cov1) and N(mean2, cov2). */
    public static double between(double[] mean1, double[][] cov1, double[] mean2, double[][] cov2) {
        int d = mean1.length;
        if (mean2.length != d || cov1.length != d || cov2.length != d) {
            throw new IllegalArgumentException("means and covariances must all have dimension " + d);
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = mean1[i] - mean2[i];
            meanTerm += diff * diff;
        }
        double[][] root1 = sqrtPsd(cov1);
        double[][] middle = multiply(multiply(root1, cov2), root1);
        symmetrize(middle);
        double crossTrace = 0;
        for (double lambda : SymmetricEigen.of(middle).values()) {
            crossTrace += Math.sqrt(Math.max(0, lambda));
        }
        return meanTerm + trace(cov1) + trace(cov2) - 2 * crossTrace;
    }

    /** Column means of the rows. */
    public static double[] mean(double[][] rows) {
        int d = rows[0].length;
        double[] m = new double[d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                m[i] += r[i];
            }
        }
        for (int i = 0; i < d; i++) {
            m[i] /= rows.length;
        }
        return m;
    }

    /** The unbiased sample covariance (divided by n − 1, as numpy's {@code cov}). */
    public static double[][] covariance(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] m = mean(rows);
        double[][] c = new double[d][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                double di = r[i] - m[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += di * (r[j] - m[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= n - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix (negative eigenvalues as 0). */
    static double[][] sqrtPsd(double[][] s) {
        SymmetricEigen e = SymmetricEigen.of(s);
        int d = s.length;
        double[] roots = new double[d];
        for (int k = 0; k < d; k++) {
            roots[k] = Math.sqrt(Math.max(0, e.values()[k]));
        }
        double[][] v = e.vectors();
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += v[i][k] * roots[k] * v[j][k];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        int inner = b.length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    private static void symmetrize(double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double mean = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = mean;
                a[j][i] = mean;
            }
        }
    }

    private static double trace(double[][] a) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i][i];
        }
        return t;
    }
}
