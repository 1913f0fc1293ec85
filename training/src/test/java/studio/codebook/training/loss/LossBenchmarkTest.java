package studio.codebook.training.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Forward + backward timings of the losses; prints, never asserts. Run with
 * {@code -Dloss.bench=true}; the thread count is surefire's {@code ai.djl.pytorch.num_threads}.
 */
@EnabledIfSystemProperty(named = "loss.bench", matches = "true")
class LossBenchmarkTest {

    private static final int WARMUP = 2;
    private static final int RUNS = 7;

    interface Step {
        void run(NDManager manager, NDList inputs);
    }

    /** Times {@code step} on inputs made beforehand by {@code setup} (drawing the data is not timed). */
    private static String time(java.util.function.Function<NDManager, NDList> setup, Step step) {
        double[] ms = new double[RUNS];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = setup.apply(manager);
            for (int i = 0; i < WARMUP + RUNS; i++) {
                for (NDArray a : inputs) {
                    a.setRequiresGradient(true);
                }
                long t0 = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    step.run(manager, inputs);
                }
                if (i >= WARMUP) {
                    ms[i - WARMUP] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        return String.format("median %.1f ms (min %.1f, max %.1f)", ms[RUNS / 2], ms[0], ms[RUNS - 1]);
    }

    private static NDArray gaussian(NDManager m, Random r, long... shape) {
        float[] v = new float[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, new Shape(shape));
    }

    @Test
    void independenceLoss() {
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        for (int n : new int[] {500, 1000, 2048}) {
            IndependenceLoss loss = new IndependenceLoss(
                    IndependenceConfig.defaults(1).withAlignment(Alignment.SAME).withMaxSamples(0));
            Random r = new Random(n);
            String t = time(m -> {
                NDList streams = new NDList();
                for (int k = 0; k < 4; k++) {
                    streams.add(gaussian(m, r, 1, 128, n));
                }
                return streams;
            }, (m, streams) -> {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(loss.compute(streams, r));
                }
                streams.get(0).getGradient().getFloat(0, 0, 0);
            });
            System.out.printf("BENCH IndependenceLoss fwd+bwd K=4 D=128 N=%d (%s threads): %s%n", n, threads, t);
        }
    }

    @Test
    void reconstructionLoss() {
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        ReconstructionLoss loss = new ReconstructionLoss(16000, ReconstructionConfig.defaults());
        Random r = new Random(1);
        String t = time(m -> new NDList(gaussian(m, r, 8, 1, 16000), gaussian(m, r, 8, 1, 16000)), (m, in) -> {
            NDArray recon = in.get(0);
            NDArray target = in.get(1).stopGradient();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.compute(recon, target).get(0));
            }
            recon.getGradient().getFloat(0, 0, 0);
        });
        System.out.printf("BENCH ReconstructionLoss fwd+bwd [8, 1, 16000] (%s threads): %s%n", threads, t);
    }
}
