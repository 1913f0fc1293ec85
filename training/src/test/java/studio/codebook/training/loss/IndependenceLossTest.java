package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.codec.SeanetConfig;
import studio.codebook.engine.codec.SeanetEncoder;
import studio.codebook.engine.quantize.Quantizer;
import studio.codebook.engine.quantize.QuantizerConfig;
import studio.codebook.engine.quantize.StreamKind;

class IndependenceLossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** All samples, no subsampling: these tests measure the estimator itself. */
    private static IndependenceLoss loss(Alignment alignment) {
        return new IndependenceLoss(IndependenceConfig.defaults(1).withAlignment(alignment).withMaxSamples(0));
    }

    private NDArray gaussian(Random random, long... shape) {
        int n = Math.toIntExact(new Shape(shape).size());
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return manager.create(v, new Shape(shape));
    }

    private static double unclamped(IndependenceLoss loss, NDList streams, long seed) {
        return loss.computeUnclamped(streams, new Random(seed)).getFloat();
    }

    /** Mean and standard deviation of values. */
    private static double[] meanStd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1))};
    }

    /**
     * Each stream's frames shuffled independently over batch and time: whatever dependence there was is
     * gone, the marginals stay. Estimates on such data are the estimator's null distribution.
     */
    private NDArray shuffled(NDArray stream, Random random) {
        Shape s = stream.getShape();
        int n = Math.toIntExact(s.get(0) * s.get(2));
        NDArray frames = stream.transpose(0, 2, 1).reshape(n, s.get(1));
        long[] index = new long[n];
        int[] p = IndependenceLoss.permutation(random, n);
        for (int i = 0; i < n; i++) {
            index[i] = p[i];
        }
        return frames.get(new NDIndex("{}", manager.create(index))).reshape(s.get(0), s.get(2), s.get(1)).transpose(0, 2, 1);
    }

    private NDList shuffledAll(NDList streams, Random random) {
        NDList out = new NDList();
        for (NDArray a : streams) {
            out.add(shuffled(a, random));
        }
        return out;
    }

    /**
     * "≈ 0" made precise. The estimator (as the reference defines it) is biased low by O(1/N) even for
     * independent streams: the x–y term includes the pairs where y_j took stream k from x_i itself, which
     * are closer than chance. (The reference's own independent cases are −0.061 at N = 48 and −0.080 at
     * N = 36.) So independent streams must match the <em>null level</em> — the same estimate after each
     * stream's frames are shuffled independently — within the spread over 20 draws of data and
     * permutations, and a dependent triple (stream 2 = stream 1 + small noise) must lie far above it.
     */
    @Test
    void independentStreamsMatchTheNullLevelAndDependentOnesExceedIt() {
        IndependenceLoss loss = loss(Alignment.SAME);
        int draws = 20;
        double[] independent = new double[draws];
        double[] nullLevel = new double[draws];
        double[] dependent = new double[draws];
        for (int s = 0; s < draws; s++) {
            Random r = new Random(100 + s);
            NDArray a = gaussian(r, 4, 4, 100);
            NDArray b = gaussian(r, 4, 4, 100);
            NDArray c = gaussian(r, 4, 4, 100);
            independent[s] = unclamped(loss, new NDList(a, b, c), s);
            nullLevel[s] = unclamped(loss, shuffledAll(new NDList(a, b, c), r), 1000 + s);
            dependent[s] = unclamped(loss, new NDList(a, a.add(b.mul(0.1f)), c), s);
        }
        double[] ind = meanStd(independent);
        double[] nul = meanStd(nullLevel);
        double[] dep = meanStd(dependent);
        System.out.printf("MMD² N=400, K=3, D=4: independent %.3e ± %.3e, null %.3e ± %.3e (N·null = %.2f),"
                + " dependent %.3e ± %.3e%n", ind[0], ind[1], nul[0], nul[1], 400 * nul[0], dep[0], dep[1]);
        double standardError = Math.sqrt((ind[1] * ind[1] + nul[1] * nul[1]) / draws);
        assertTrue(Math.abs(ind[0] - nul[0]) < 4 * standardError, "independent " + ind[0] + " vs null " + nul[0]);
        for (double d : dependent) {
            assertTrue(d > nul[0] + 10 * nul[1], "dependent " + d + " within noise " + nul[0] + " ± " + nul[1]);
        }
        // the bias is O(1/N): at N = 1600 the null level is about a quarter
        Random r = new Random(99);
        double[] big = new double[5];
        for (int s = 0; s < big.length; s++) {
            big[s] = unclamped(loss, new NDList(gaussian(r, 4, 4, 400), gaussian(r, 4, 4, 400), gaussian(r, 4, 4, 400)), s);
        }
        double bigMean = meanStd(big)[0];
        System.out.printf("null level N=1600: %.3e (N·level = %.2f)%n", bigMean, 1600 * bigMean);
        assertTrue(bigMean < 0 && bigMean > 0.4 * nul[0] && bigMean < 0.1 * nul[0], "N=1600 level " + bigMean);
    }

    /** Discrete codebooks (codes → codewords): independent codes sit at the null level, a shared code far above. */
    @Test
    void discreteCodebookStreams() {
        Random r = new Random(7);
        int size = 8;
        int d = 3;
        NDArray[] books = {gaussian(r, size, d), gaussian(r, size, d)};
        int frames = 300;
        IndependenceLoss loss = loss(Alignment.SAME);
        int draws = 10;
        double[] independent = new double[draws];
        double[] nullLevel = new double[draws];
        double[] dependent = new double[draws];
        for (int s = 0; s < draws; s++) {
            long[] c1 = new long[frames];
            long[] c2 = new long[frames];
            long[] c2dep = new long[frames];
            for (int i = 0; i < frames; i++) {
                c1[i] = r.nextInt(size);
                c2[i] = r.nextInt(size);
                c2dep[i] = r.nextDouble() < 0.8 ? c1[i] : c2[i];
            }
            NDArray s1 = stream(books[0], c1);
            NDList ind = new NDList(s1, stream(books[1], c2));
            independent[s] = unclamped(loss, ind, s);
            nullLevel[s] = unclamped(loss, shuffledAll(ind, r), 1000 + s);
            dependent[s] = unclamped(loss, new NDList(s1, stream(books[1], c2dep)), s);
        }
        double[] ind = meanStd(independent);
        double[] nul = meanStd(nullLevel);
        double[] dep = meanStd(dependent);
        System.out.printf("MMD² codebooks of 8, N=300: independent %.3e ± %.3e, null %.3e ± %.3e,"
                + " dependent (80%% shared code) %.3e ± %.3e%n", ind[0], ind[1], nul[0], nul[1], dep[0], dep[1]);
        assertTrue(Math.abs(ind[0] - nul[0]) < 4 * Math.sqrt((ind[1] * ind[1] + nul[1] * nul[1]) / draws));
        assertTrue(dep[0] - 5 * dep[1] > nul[0] + 10 * nul[1]);
    }

    /** codes [F] → [1, d, F] codewords. */
    private NDArray stream(NDArray book, long[] codes) {
        return book.get(new NDIndex("{}", manager.create(codes))).transpose().expandDims(0);
    }

    /**
     * Which alignment exposes which dependence. With frames i.i.d. in time:
     * <ul>
     *   <li>s² at t = s¹ at t (same frame): SAME sees it, DELAY does not;
     *   <li>s² at t = s¹ at t+1: the delay pattern emits s¹ₜ with s²ₜ₋₁ = s¹ₜ, so DELAY sees it, SAME does not;
     *   <li>s² at t = s¹ at t−1: DELAY pairs s¹ₜ with s²ₜ₋₁ = s¹ₜ₋₂, SAME pairs it with s¹ₜ₋₁: neither
     *       sees it (a lag of 2 and of 1 between independent frames).
     * </ul>
     */
    @Test
    void delayAndSameAlignmentExposeDifferentLags() {
        Random r = new Random(11);
        long t = 202;
        NDArray base = gaussian(r, 4, 3, t + 2);
        NDArray s1 = base.get(":, :, 1:" + (t + 1));
        NDArray noise = gaussian(r, 4, 3, t).mul(0.1f);
        NDArray sameFrame = s1.add(noise);
        NDArray ahead = base.get(":, :, 2:" + (t + 2)).add(noise);
        NDArray behind = base.get(":, :, 0:" + t).add(noise);
        IndependenceLoss same = loss(Alignment.SAME);
        IndependenceLoss delay = loss(Alignment.DELAY);
        double[] noiseLevel = new double[10];
        for (int s = 0; s < noiseLevel.length; s++) {
            noiseLevel[s] = unclamped(same, new NDList(s1, gaussian(r, 4, 3, t)), s);
        }
        double[] ns = meanStd(noiseLevel);
        double threshold = ns[0] + 6 * ns[1];
        double sameOnSame = unclamped(same, new NDList(s1, sameFrame), 1);
        double delayOnSame = unclamped(delay, new NDList(s1, sameFrame), 1);
        double sameOnAhead = unclamped(same, new NDList(s1, ahead), 1);
        double delayOnAhead = unclamped(delay, new NDList(s1, ahead), 1);
        double sameOnBehind = unclamped(same, new NDList(s1, behind), 1);
        double delayOnBehind = unclamped(delay, new NDList(s1, behind), 1);
        System.out.printf("noise %.2e ± %.2e | s2=s1(t): same %.2e delay %.2e | s2=s1(t+1): same %.2e delay %.2e"
                + " | s2=s1(t-1): same %.2e delay %.2e%n", ns[0], ns[1], sameOnSame, delayOnSame,
                sameOnAhead, delayOnAhead, sameOnBehind, delayOnBehind);
        assertTrue(sameOnSame > threshold && delayOnSame < threshold);
        assertTrue(delayOnAhead > threshold && sameOnAhead < threshold);
        assertTrue(sameOnBehind < threshold && delayOnBehind < threshold);
    }

    /** Gradient descent on a learnable coupling s² = a·s¹ + noise drives a and MMD² towards 0. */
    @Test
    void gradientDescentRemovesALearnableDependence() {
        Random r = new Random(5);
        NDArray s1 = gaussian(r, 2, 4, 150);
        NDArray noise = gaussian(r, 2, 4, 150);
        NDArray a = manager.create(new float[] {2f});
        IndependenceLoss loss = loss(Alignment.SAME);
        double first = Double.NaN;
        double last = Double.NaN;
        double lr = 20;
        for (int step = 0; step < 40; step++) {
            a.setRequiresGradient(true);
            NDArray value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                value = loss.compute(new NDList(s1, s1.mul(a).add(noise)), new Random(9));
                gc.backward(value);
            }
            double v = value.getFloat();
            float g = a.getGradient().getFloat();
            assertTrue(Float.isFinite(g));
            if (step == 0) {
                first = v;
                assertTrue(g > 0, "MMD² must grow with the coupling a > 0: gradient " + g);
            }
            last = v;
            a = manager.create(new float[] {a.getFloat() - (float) (lr * g)});
        }
        System.out.printf("learnable coupling: MMD² %.4e → %.4e, a 2 → %.3f%n", first, last, a.getFloat());
        assertTrue(last < 0.1 * first, first + " → " + last);
        assertTrue(Math.abs(a.getFloat()) < 0.5, "a = " + a.getFloat());
    }

    /**
     * Through a real (tiny) encoder and the engine's quantizers: the MMD of the codeword streams sends
     * finite, non-zero gradients to every encoder weight and leaves the EMA codebooks untouched.
     */
    @Test
    void gradientsReachTheEncoderThroughTheQuantizer() {
        for (QuantizerConfig qc : List.of(QuantizerConfig.rvq(3, 16, 6), QuantizerConfig.pvq(3, 16, 6))) {
            SeanetConfig config = new SeanetConfig(1, 6, 4, List.of(2, 2), 7, 7, 3, 1, 2, 2, 0, true, "reflect", true);
            SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).optSeed(3).build();
            Shape audioShape = new Shape(4, 1, 400);
            encoder.initialize(manager, DataType.FLOAT32, audioShape);
            ParameterStore ps = new ParameterStore(manager, false);
            Random r = new Random(21);
            float[] audio = new float[4 * 400];
            for (int b = 0; b < 4; b++) {
                double f1 = 0.01 + 0.02 * r.nextDouble();
                double f2 = 0.05 + 0.05 * r.nextDouble();
                for (int i = 0; i < 400; i++) {
                    audio[b * 400 + i] = (float) (0.5 * Math.sin(2 * Math.PI * f1 * i) + 0.3 * Math.sin(2 * Math.PI * f2 * i)
                            + 0.05 * r.nextGaussian());
                }
            }
            NDArray x = manager.create(audio, audioShape);
            Quantizer quantizer = Quantizer.create(qc, 4);
            NDArray firstLatent = encoder.forward(ps, new NDList(x), false).singletonOrThrow();
            quantizer.quantize(ps, firstLatent.stopGradient(), true); // k-means initialisation
            float[][] before = snapshot(quantizer);

            IndependenceLoss loss = loss(Alignment.DELAY);
            NDArray value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray latent = encoder.forward(ps, new NDList(x), true).singletonOrThrow();
                NDList streams = quantizer.streams(ps, latent, StreamKind.CODEWORD);
                value = loss.computeUnclamped(streams, new Random(2));
                gc.backward(value);
            }
            assertTrue(Float.isFinite(value.getFloat()) && value.getFloat() != 0f, "MMD² " + value.getFloat());
            int weights = 0;
            for (Parameter p : encoder.getParameters().values()) {
                if (!p.requiresGradient()) {
                    continue;
                }
                float[] g = p.getArray().getGradient().toFloatArray();
                double norm = 0;
                for (float v : g) {
                    assertTrue(Float.isFinite(v), qc.kind() + ": non-finite gradient in " + p.getName());
                    norm += v * v;
                }
                assertTrue(norm > 0, qc.kind() + ": no gradient reached " + p.getName());
                weights++;
            }
            assertTrue(weights > 4);
            float[][] after = snapshot(quantizer);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], qc.kind() + ": quantizer state " + i + " changed");
            }
            System.out.printf("%s: MMD² %.4e; %d encoder weights got finite non-zero gradients%n",
                    qc.kind(), value.getFloat(), weights);
        }
    }

    private static float[][] snapshot(ai.djl.nn.Block block) {
        return block.getParameters().values().stream()
                .map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    @Test
    void clampSubsamplingAndDeterminism() {
        Random r = new Random(3);
        NDArray a = gaussian(r, 4, 4, 100);
        NDList streams = new NDList(a, gaussian(r, 4, 4, 100), gaussian(r, 4, 4, 100));
        IndependenceLoss all = new IndependenceLoss(IndependenceConfig.defaults(1).withMaxSamples(0));
        double u = all.computeUnclamped(streams, new Random(1)).getFloat();
        assertEquals(Math.max(0, u), all.compute(streams, new Random(1)).getFloat(), 0);
        assertEquals(new Shape(), all.compute(streams, new Random(1)).getShape());
        IndependenceLoss sub = new IndependenceLoss(IndependenceConfig.defaults(1).withMaxSamples(50));
        double s1 = sub.computeUnclamped(streams, new Random(1)).getFloat();
        assertEquals(s1, sub.computeUnclamped(streams, new Random(1)).getFloat(), 0);
        assertNotEquals(s1, sub.computeUnclamped(streams, new Random(2)).getFloat());
        long[] rows = IndependenceLoss.subsample(new Random(4), 400, 50);
        assertEquals(50, java.util.Arrays.stream(rows).distinct().count());
        assertTrue(java.util.Arrays.stream(rows).allMatch(i -> i >= 0 && i < 400));
        IndependenceLoss weighted = new IndependenceLoss(IndependenceConfig.defaults(3).withMaxSamples(0));
        NDArray dep = gaussian(r, 4, 4, 100);
        NDList dependent = new NDList(dep, dep.add(0.1f), dep.mul(2));
        assertEquals(3 * weighted.compute(dependent, new Random(1)).getFloat(),
                weighted.weighted(dependent, new Random(1)).getFloat(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> all.compute(new NDList(a), new Random(1)));
        assertThrows(IllegalArgumentException.class,
                () -> loss(Alignment.DELAY).compute(new NDList(a.get(":, :, :3"), a.get(":, :, :3"), a.get(":, :, :3")), new Random(1)));
    }

    @Test
    void configurationParsesAndRoundTrips() throws Exception {
        assertEquals(Alignment.DELAY, Alignment.parse(" Delay "));
        assertEquals(Alignment.SAME, Alignment.parse("same"));
        assertThrows(IllegalArgumentException.class, () -> Alignment.parse("diagonal"));
        IndependenceConfig d = IndependenceConfig.defaults(0.5);
        assertEquals(StreamKind.CODEWORD, d.streamKind());
        assertEquals(Alignment.DELAY, d.alignment());
        assertEquals(List.of(0.1, 1.0, 5.0, 10.0, 20.0, 50.0), d.sigmas());
        assertEquals(8, d.macroBatches());
        assertEquals(400, d.maxSamples());
        assertEquals(0, IndependenceConfig.off().weight());
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(d.withStreamKind(StreamKind.STAGE_INPUT));
        assertTrue(json.contains("\"alignment\":\"delay\"") && json.contains("\"stage-input\""), json);
        assertEquals(d.withStreamKind(StreamKind.STAGE_INPUT), mapper.readValue(json, IndependenceConfig.class));
        assertThrows(IllegalArgumentException.class, () -> new IndependenceConfig(-1, null, null, null, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new IndependenceConfig(1, null, null, List.of(0.0), 8, 0));
    }
}
