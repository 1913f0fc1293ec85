package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints encode + decode times of 10 s of 16 kHz mono for candidate presets, at 1 and 2 PyTorch
 * threads. Off by default; run with {@code -Dcodec.bench=true} (optionally
 * {@code -Dcodec.bench.presets=32:128:1,24:128:1} as filters:D:lstm). Never asserts a time.
 */
@EnabledIfSystemProperty(named = "codec.bench", matches = "true")
class SeanetBenchmarkTest {

    private static final List<Integer> RATIOS = List.of(8, 5, 4, 2);
    private static final int SAMPLES = 160_000;

    @Test
    void printTimings() {
        String spec = System.getProperty("codec.bench.presets", "32:128:0,32:128:1,32:128:2,24:128:1,48:128:1,32:64:1");
        int runs = Integer.getInteger("codec.bench.runs", 5);
        System.out.println("| filters | D | LSTM | enc params | dec params | threads | encode ms | decode ms | total ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String preset : spec.split(",")) {
            String[] p = preset.split(":");
            SeanetConfig config = SeanetConfig.encodecLike(
                    Integer.parseInt(p[0]), Integer.parseInt(p[1]), RATIOS, Integer.parseInt(p[2]));
            if (p.length > 3) { // variants: "nowm" = no weight norm, "constant" = zero padding
                config = new SeanetConfig(1, config.dimension(), config.filters(), RATIOS, 7, 7, 3, 1, 2, 2,
                        config.lstmLayers(), !p[3].contains("nowm"), p[3].contains("constant") ? "constant" : "reflect",
                        true);
            }
            SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).build();
            SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).build();
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape in = new Shape(1, 1, SAMPLES);
                encoder.initialize(manager, DataType.FLOAT32, in);
                decoder.initialize(manager, DataType.FLOAT32, encoder.getOutputShapes(new Shape[] {in}));
                NDArray audio = manager.randomNormal(in).mul(0.1f);
                ParameterStore ps = new ParameterStore(manager, false);
                for (int threads : new int[] {1, 2}) {
                    JniUtils.setNumThreads(threads);
                    double[] enc = new double[runs];
                    double[] dec = new double[runs];
                    for (int i = -2; i < runs; i++) { // two warm-up runs
                        try (NDManager scope = manager.newSubManager()) {
                            NDArray x = audio.duplicate();
                            x.attach(scope);
                            long t0 = System.nanoTime();
                            NDArray z = encoder.forward(ps, new NDList(x), false).singletonOrThrow();
                            z.toFloatArray(); // force completion
                            long t1 = System.nanoTime();
                            NDArray y = decoder.forward(ps, new NDList(z), false).singletonOrThrow();
                            y.toFloatArray();
                            long t2 = System.nanoTime();
                            if (i >= 0) {
                                enc[i] = (t1 - t0) / 1e6;
                                dec[i] = (t2 - t1) / 1e6;
                            }
                        }
                    }
                    double e = median(enc);
                    double d = median(dec);
                    System.out.printf("| %s | %s | %s | %,d | %,d | %d | %.0f | %.0f | %.0f |%n", p[0], p[1], p[2],
                            encoder.parameterCount(), decoder.parameterCount(), threads, e, d, e + d);
                    if (p.length > 3) {
                        System.out.println("  (variant " + p[3] + ")");
                    }
                }
            }
        }
        JniUtils.setNumThreads(Integer.getInteger("ai.djl.pytorch.num_threads", 1));
    }

    /**
     * {@code java -cp … SeanetBenchmarkTest [profile|conv|train]}: the table; a per-layer profile
     * (-Dcodec.bench.filters, -Dcodec.bench.lstm); bare conv1d rates; or a training step's time.
     * Set ONEDNN_MAX_CPU_ISA=AVX2 as the project's JVMs do.
     */
    public static void main(String[] args) {
        ai.djl.engine.Engine.getInstance(); // loads the native library before JniUtils is used
        if (args.length > 0 && "train".equals(args[0])) {
            train();

        } else if (args.length > 0 && "conv".equals(args[0])) {
            convs(Integer.getInteger("codec.bench.threads", 1));
        } else if (args.length > 0 && "profile".equals(args[0])) {
            profile(Integer.getInteger("codec.bench.threads", 1));
        } else {
            new SeanetBenchmarkTest().printTimings();
        }
    }

    /** Times bare conv1d calls on contiguous inputs (in, out, k, stride, length, dilation). */
    static void convs(int threads) {
        JniUtils.setNumThreads(threads);
        int[][] cases = {
            {1, 32, 7, 1, 160000, 1}, {32, 16, 3, 1, 160000, 1}, {16, 32, 1, 1, 160000, 1}, {32, 1, 7, 1, 160000, 1},
            {32, 64, 4, 2, 160000, 1}, {64, 32, 3, 1, 80000, 1}, {32, 64, 1, 1, 80000, 1}, {64, 128, 8, 4, 80000, 1},
            {128, 64, 3, 1, 20000, 1}, {128, 256, 10, 5, 20000, 1}, {64, 64, 2, 1, 80000, 1}, {256, 256, 2, 1, 20000, 1},
            {32, 16, 3, 1, 160000, 2}, {64, 32, 3, 1, 80000, 2}};
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] c : cases) {
                NDArray x = manager.randomNormal(new Shape(1, c[0], c[4]));
                NDArray w = manager.randomNormal(new Shape(c[1], c[0], c[2]));
                NDArray b = manager.zeros(new Shape(c[1]));
                double[] t = new double[7];
                for (int r = -2; r < t.length; r++) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray xs = x.duplicate();
                        xs.attach(scope);
                        long t0 = System.nanoTime();
                        NDArray y = ai.djl.nn.convolutional.Conv1d.conv1d(xs, w, b, new Shape(c[3]), new Shape(0),
                                new Shape(c[5]), 1).head();
                        y.getFloat(0, 0, 0);
                        if (r >= 0) {
                            t[r] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                }
                long frames = (c[4] - (long) (c[2] - 1) * c[5] - 1) / c[3] + 1;
                double gmac = (double) c[0] * c[1] * c[2] * frames / 1e9;
                System.out.printf("conv %3d→%3d k%-2d s%d d%d L%6d: %7.1f ms, %5.1f GFLOP/s%n",
                        c[0], c[1], c[2], c[3], c[5], c[4], median(t), 2 * gmac / (median(t) / 1e3));
            }
        }
    }

    /** Forward + backward of encoder and decoder on a batch of 8 × 1 s (no optimiser, no quantiser). */
    static void train() {
        for (String preset : System.getProperty("codec.bench.presets", "24:128:1,32:128:1").split(",")) {
            String[] p = preset.split(":");
            SeanetConfig config = SeanetConfig.encodecLike(
                    Integer.parseInt(p[0]), Integer.parseInt(p[1]), RATIOS, Integer.parseInt(p[2]));
            for (int threads : new int[] {1, 2}) {
                JniUtils.setNumThreads(threads);
                SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).build();
                SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).build();
                try (NDManager manager = NDManager.newBaseManager()) {
                    Shape in = new Shape(8, 1, 16000);
                    encoder.initialize(manager, DataType.FLOAT32, in);
                    decoder.initialize(manager, DataType.FLOAT32, encoder.getOutputShapes(new Shape[] {in}));
                    ParameterStore ps = new ParameterStore(manager, false);
                    double[] t = new double[5];
                    for (int r = -1; r < t.length; r++) {
                        try (NDManager scope = manager.newSubManager()) {
                            NDArray x = scope.randomNormal(in).mul(0.1f);
                            long t0 = System.nanoTime();
                            try (ai.djl.training.GradientCollector gc =
                                    ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                                NDArray z = encoder.forward(ps, new NDList(x), true).head();
                                NDArray y = decoder.forward(ps, new NDList(z), true).head();
                                gc.backward(y.sub(x).abs().mean());
                            }
                            if (r >= 0) {
                                t[r] = (System.nanoTime() - t0) / 1e6;
                            }
                        }
                    }
                    System.out.printf("train step (fwd+bwd, batch 8 x 1 s) %s, %d threads: %.0f ms%n",
                            preset, threads, median(t));
                }
            }
        }
    }

    static void profile(int threads) {
        JniUtils.setNumThreads(threads);
        SeanetConfig config = SeanetConfig.encodecLike(
                Integer.getInteger("codec.bench.filters", 32), 128, RATIOS, Integer.getInteger("codec.bench.lstm", 1));
        SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).build();
        SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 1, SAMPLES);
            encoder.initialize(manager, DataType.FLOAT32, in);
            decoder.initialize(manager, DataType.FLOAT32, encoder.getOutputShapes(new Shape[] {in}));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray audio = manager.randomNormal(in).mul(0.1f);
            int runs = 7;
            for (SeanetStack stack : List.of(encoder, decoder)) {
                List<ai.djl.nn.Block> layers = stack.layers();
                double[][] times = new double[layers.size()][runs];
                double[][] eluTimes = new double[layers.size()][runs];
                for (int r = -2; r < runs; r++) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray x = stack == encoder ? audio.duplicate() : encoder.forward(ps, new NDList(audio), false).head();
                        x.attach(scope);
                        for (int i = 0; i < layers.size(); i++) {
                            long t0 = System.nanoTime();
                            if (stack.eluBefore(i)) {
                                x = ai.djl.nn.Activation.elu(x, 1f);
                                x.getFloat(0, 0, 0);
                            }
                            long t1 = System.nanoTime();
                            x = layers.get(i).forward(ps, new NDList(x), false).head();
                            x.getFloat(0, 0, 0);
                            long t2 = System.nanoTime();
                            if (r >= 0) {
                                eluTimes[i][r] = (t1 - t0) / 1e6;
                                times[i][r] = (t2 - t1) / 1e6;
                            }
                        }
                    }
                }
                double sum = 0;
                for (int i = 0; i < layers.size(); i++) {
                    double t = median(times[i]);
                    double e = median(eluTimes[i]);
                    sum += t + e;
                    System.out.printf("%-8s %-45s elu %6.1f ms  layer %6.1f ms%n",
                            stack == encoder ? "encoder" : "decoder", layers.get(i), e, t);
                }
                System.out.printf("sum %.0f ms%n", sum);
            }
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
