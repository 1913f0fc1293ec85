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

    /** {@code java -cp … SeanetBenchmarkTest [profile]}: the table, or a per-layer profile of filters 32/D 128/LSTM 1. */
    public static void main(String[] args) {
        ai.djl.engine.Engine.getInstance(); // loads the native library before JniUtils is used
        if (args.length > 0 && "exp".equals(args[0])) {
            experiment();
        } else if (args.length > 0 && "layer".equals(args[0])) {
            layer();
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

    static void experiment() {
        JniUtils.setNumThreads(1);
        SeanetConfig config = SeanetConfig.encodecLike(32, 128, RATIOS, 1);
        SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            decoder.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 500));
            ParameterStore ps = new ParameterStore(manager, false);
            List<ai.djl.nn.Block> layers = decoder.layers();
            ai.djl.nn.Block up = layers.get(8);
            ai.djl.nn.Block res = layers.get(9);
            NDArray small = manager.randomNormal(new Shape(1, 64, 80000)).mul(0.05f);
            NDArray upOut = up.forward(ps, new NDList(small), false).head();
            NDArray random = manager.randomNormal(new Shape(1, 32, 160000)).mul(0.06f);
            NDArray upCopy = upOut.duplicate();
            for (int rep = 0; rep < 3; rep++) {
                System.out.printf("up(64→32) on random: %.1f ms%n", time(() -> up.forward(ps, new NDList(small), false).head()));
                System.out.printf("res(32) on up output: %.1f ms%n", time(() -> res.forward(ps, new NDList(upOut), false).head()));
                System.out.printf("res(32) on duplicate of up output: %.1f ms%n", time(() -> res.forward(ps, new NDList(upCopy), false).head()));
                System.out.printf("res(32) on random: %.1f ms%n", time(() -> res.forward(ps, new NDList(random), false).head()));
                System.out.printf("elu on up output: %.1f ms%n", time(() -> ai.djl.nn.Activation.elu(upOut, 1f)));
                System.out.printf("elu on random: %.1f ms%n", time(() -> ai.djl.nn.Activation.elu(random, 1f)));
            }
        }
    }

    private static double time(java.util.function.Supplier<NDArray> op) {
        double[] t = new double[5];
        long faults = 0;
        for (int r = -1; r < t.length; r++) {
            long f0 = minorFaults();
            long t0 = System.nanoTime();
            NDArray y = op.get();
            y.getFloat(0, 0, 0);
            if (r >= 0) {
                t[r] = (System.nanoTime() - t0) / 1e6;
                faults += minorFaults() - f0;
            }
            y.close();
        }
        System.out.printf("   [%d minor faults per call]%n", faults / t.length);
        return median(t);
    }

    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static void layer() {
        JniUtils.setNumThreads(1);
        System.out.println("grad mode " + JniUtils.isGradMode());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String mode : new String[] {"reflect", "constant"}) {
                for (boolean wn : new boolean[] {true, false}) {
                    SeanetConv1d conv = SeanetConv1d.builder().setInChannels(32).setOutChannels(1).setKernelSize(7)
                            .optWeightNorm(wn).optPadMode(mode).build();
                    Shape in = new Shape(1, 32, 160000);
                    conv.initialize(manager, DataType.FLOAT32, in);
                    ParameterStore ps = new ParameterStore(manager, false);
                    NDArray x = manager.randomNormal(in);
                    double[] t = new double[7];
                    double[] tp = new double[7];
                    for (int r = -2; r < t.length; r++) {
                        try (NDManager scope = manager.newSubManager()) {
                            NDArray xs = x.duplicate();
                            xs.attach(scope);
                            long t0 = System.nanoTime();
                            NDArray p = conv.pad(xs, false);
                            p.getFloat(0, 0, 0);
                            long t1 = System.nanoTime();
                            NDArray y = conv.forward(ps, new NDList(xs), false).head();
                            y.getFloat(0, 0, 0);
                            if (r >= 0) {
                                tp[r] = (t1 - t0) / 1e6;
                                t[r] = (System.nanoTime() - t1) / 1e6;
                            }
                            if (r == 0) {
                                System.out.println("requires grad: " + y.hasGradient());
                            }
                        }
                    }
                    System.out.printf("%s wn=%s: pad %.1f ms, layer %.1f ms%n", mode, wn, median(tp), median(t));
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
                            if (r == -1) {
                                NDArray a = x.abs();
                                float tiny = a.lt(1.18e-38f).logicalAnd(a.gt(0f)).toType(DataType.FLOAT32, false).mean().getFloat();
                                System.out.printf("   layer %d: mean |x| %.3g, denormal fraction %.4f, contiguous %s%n", i,
                                        a.mean().getFloat(), tiny, x.getShape());
                            }
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
                System.out.printf("sum %.0f ms (includes a read-back per layer)%n", sum);
            }
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
