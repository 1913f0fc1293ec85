package studio.codebook.engine.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Speed of the LM at the default size with classifier-free guidance (B = 2, text of 16 tokens, the
 * second row the null condition): KV-cached steps/s against recomputing the whole prefix, the matmul
 * rate of this machine and the compute floor, at 1 and 2 intra-op threads, and resident memory over
 * 200 sessions. Prints, never asserts. Run with
 * {@code mvn -pl engine test -Dtest=LmBenchmarkTest -Dlm.bench=true} or through {@link #main}.
 */
@EnabledIfSystemProperty(named = "lm.bench", matches = "true")
class LmBenchmarkTest {

    private static final int STEPS = 500;
    private static final int TEXT = 16;

    @Test
    void benchmark() throws IOException {
        run();
    }

    public static void main(String[] args) throws IOException {
        run();
    }

    static void run() throws IOException {
        LmConfig config = LmConfig.defaultSize();
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLm lm = TransformerLm.builder().setConfig(config).optSeed(1).build();
            lm.initialize(manager, DataType.FLOAT32, new Shape(2, config.codebooks(), 8), new Shape(2, TEXT, config.dim()),
                    new Shape(2, TEXT));
            System.out.printf("LM %s, %,d parameters, B = 2, text %d tokens%n", config, config.parameterCount(), TEXT);
            Random random = new Random(3);
            NDArray text = LmTestSupport.text(manager, config, random, 2, TEXT);
            float[] maskValues = new float[2 * TEXT];
            java.util.Arrays.fill(maskValues, 0, TEXT, 1f); // row 0 conditional, row 1 the null condition
            NDArray mask = manager.create(maskValues, new Shape(2, TEXT));
            ParameterStore ps = new ParameterStore(manager, false);

            for (int threads : new int[] {1, 2}) {
                JniUtils.setNumThreads(threads);
                System.out.printf("%n== %d intra-op thread(s) ==%n", threads);
                double small = matmulRate(manager, 2, 256, 256, 1024, 2000);
                double big = matmulRate(manager, 2048, 2048, 2048, 2048, 3);
                System.out.printf("matmul [2,256]·[256,1024] (a step's GEMV shape, weight hot in cache): %.1f GFLOP/s%n", small);
                double bandwidth = coldGemvBandwidth(manager);
                System.out.printf("same GEMV over 32 distinct 1 MB weights (cold, as in a step): %.1f GB/s of weights%n",
                        bandwidth);
                double square = matmulRate(manager, 256, 256, 256, 1024, 300);
                System.out.printf("matmul 256x256 · 256x1024: %.1f GFLOP/s; 2048³: %.1f GFLOP/s%n", square, big);

                cached(lm, ps, text, mask, config, random, 100); // warm-up
                double cachedSeconds = cached(lm, ps, text, mask, config, random, STEPS);
                double cachedRate = STEPS / cachedSeconds;
                double recomputeSeconds = recompute(lm, ps, manager, text, mask, config, random);
                double recomputeRate = STEPS / recomputeSeconds;
                double flops = 0;
                for (int s = 1; s <= STEPS; s++) {
                    flops += config.flopsPerStep(2, s, TEXT);
                }
                double floorSmall = flops / (small * 1e9);
                double floorBig = flops / (big * 1e9);
                System.out.printf("cached:    %d steps in %.3f s = %.0f steps/s (%.2f ms/step)%n", STEPS, cachedSeconds,
                        cachedRate, 1000 * cachedSeconds / STEPS);
                System.out.printf("recompute: %d steps in %.3f s = %.1f steps/s (integrated over prefix lengths)%n", STEPS,
                        recomputeSeconds, recomputeRate);
                System.out.printf("speed-up of the cache: %.1f×%n", recomputeSeconds / cachedSeconds);
                double bytes = 0;
                for (int s = 1; s <= STEPS; s++) {
                    bytes += streamedBytes(config, s);
                }
                double floorBandwidth = bytes / (bandwidth * 1e9);
                System.out.printf("memory: %.1f MB streamed per step on average (weights + K/V cache); bandwidth floor "
                        + "%.3f s for %d steps (%.0f steps/s)%n", bytes / STEPS / 1e6, floorBandwidth, STEPS,
                        STEPS / floorBandwidth);
                System.out.printf("compute: %.1f MFLOP/step on average; floor %.3f s for %d steps at the GEMV rate "
                        + "(%.0f steps/s), %.3f s at the 2048³ rate (%.0f steps/s)%n", flops / STEPS / 1e6, floorSmall,
                        STEPS, STEPS / floorSmall, floorBig, STEPS / floorBig);
            }
            JniUtils.setNumThreads(1);
            opCount(lm, ps, text, mask, config, random);
            memory(lm, ps, text, mask, config, random);
        }
    }

    /** Seconds for {@code steps} cached steps of one session (tokens made from Java each step, as in generation). */
    static double cached(TransformerLm lm, ParameterStore ps, NDArray text, NDArray mask, LmConfig config, Random random,
            int steps) {
        long[] values = new long[2 * config.codebooks()];
        try (LmSession session = lm.startSession(ps, text, mask, steps)) {
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                try (NDManager scope = text.getManager().newSubManager()) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = random.nextInt(config.cardinality() + 1);
                    }
                    NDArray tokens = scope.create(values, new Shape(2, config.codebooks(), 1));
                    session.step(scope, tokens);
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * Seconds to generate {@code STEPS} steps by recomputing the full forward over the prefix at every
     * step: timed at 11 prefix lengths (1, 50, …, 500; median of 3) and integrated with the trapezoid
     * rule over s = 1..500 (the cost is close to linear in s, with a quadratic attention term that the
     * piecewise-linear interpolation follows closely at this spacing).
     */
    static double recompute(TransformerLm lm, ParameterStore ps, NDManager manager, NDArray text, NDArray mask,
            LmConfig config, Random random) {
        int[] lengths = {1, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500};
        double[] seconds = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            double[] reps = new double[3];
            for (int r = 0; r < reps.length; r++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray tokens = LmTestSupport.tokens(scope, config, random, 2, lengths[i]);
                    long start = System.nanoTime();
                    NDArray out = lm.forward(ps, new NDList(tokens, text, mask), false).head();
                    out.get(0, 0, 0, 0).getFloat(); // wait for the result
                    reps[r] = (System.nanoTime() - start) / 1e9;
                }
            }
            java.util.Arrays.sort(reps);
            seconds[i] = reps[1];
        }
        StringBuilder line = new StringBuilder("recompute forward ms at S =");
        for (int i = 0; i < lengths.length; i++) {
            line.append(String.format(" %d:%.1f", lengths[i], seconds[i] * 1000));
        }
        System.out.println(line);
        double total = seconds[0]; // s = 1
        for (int i = 1; i < lengths.length; i++) {
            int a = lengths[i - 1];
            int b = lengths[i];
            // steps a+1 … b, linear between the measured points
            for (int s = a + 1; s <= b; s++) {
                double t = (double) (s - a) / (b - a);
                total += seconds[i - 1] + t * (seconds[i] - seconds[i - 1]);
            }
        }
        return total;
    }

    /** Bytes a step at cache length n must read: every weight but the embeddings and cross K/V, and the K/V cache. */
    static double streamedBytes(LmConfig c, int n) {
        double d = c.dim();
        double weights = c.layers() * (4 * d * d + 2 * d * d + 2 * d * c.ffnDim()) + (double) c.codebooks() * c.cardinality() * d;
        double cache = c.layers() * 2.0 * 2 * n * d; // B = 2, keys and values
        return 4 * (weights + cache);
    }

    /** GB/s of weights read by [2, 256]·[1024, 256]ᵀ cycling through 32 distinct weights (32 MB, beyond the caches). */
    static double coldGemvBandwidth(NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] weights = new NDArray[32];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = scope.randomNormal(new Shape(1024, 256));
            }
            NDArray x = scope.randomNormal(new Shape(2, 256));
            int reps = 3200;
            long start = 0;
            for (int i = -320; i < reps; i++) {
                if (i == 0) {
                    start = System.nanoTime();
                }
                ai.djl.nn.core.Linear.linear(x, weights[(i + 320) % weights.length]).head().close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 1024.0 * 256 * 4 * reps / seconds / 1e9;
        }
    }

    /** GFLOP/s of [m, k] · [k, n] (repeated; warm-up first). */
    static double matmulRate(NDManager manager, int m, int k, int k2, int n, int reps) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomNormal(new Shape(m, k));
            NDArray b = scope.randomNormal(new Shape(k2, n));
            for (int i = 0; i < Math.max(1, reps / 10); i++) {
                a.matMul(b).close();
            }
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                a.matMul(b).close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * m * k * n * reps / seconds / 1e9;
        }
    }

    static void opCount(TransformerLm lm, ParameterStore ps, NDArray text, NDArray mask, LmConfig config, Random random) {
        try (LmSession session = lm.startSession(ps, text, mask, 4);
                NDManager scope = text.getManager().newSubManager()) {
            session.countArrays = true;
            session.step(scope, LmTestSupport.tokens(scope, config, random, 2, 1));
            int inPlace = config.layers() * (3 + 1 + (config.crossAttention() ? 1 : 0)) + 1;
            System.out.printf("%nnative ops per step: %d arrays created + %d in-place (addi / cache write) = %d%n",
                    session.lastCallArrays, inPlace, session.lastCallArrays + inPlace);
        }
    }

    static void memory(TransformerLm lm, ParameterStore ps, NDArray text, NDArray mask, LmConfig config, Random random)
            throws IOException {
        long at10 = 0;
        for (int i = 1; i <= 200; i++) {
            cached(lm, ps, text, mask, config, random, 50);
            if (i == 10) {
                at10 = rssKb();
            }
        }
        long at200 = rssKb();
        System.out.printf("VmRSS after session 10: %,d kB; after session 200: %,d kB (%+.2f%%)%n", at10, at200,
                100.0 * (at200 - at10) / at10);
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
