package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codebook.training.train.AdamOptimizer;

class MultiScaleStftDiscriminatorTest {

    private static final AdversarialConfig SMALL = AdversarialConfig.defaults().withDiscriminator(List.of(32, 64, 128), 4);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private MultiScaleStftDiscriminator build(AdversarialConfig config, long seed, int length) {
        MultiScaleStftDiscriminator d = MultiScaleStftDiscriminator.builder().setConfig(config).optSeed(seed).build();
        d.initialize(manager, DataType.FLOAT32, new Shape(1, 1, length));
        return d;
    }

    @Test
    void shapesFollowTheFramingAndTheFrequencyStrides() {
        MultiScaleStftDiscriminator d = build(SMALL, 1, 200);
        ParameterStore ps = new ParameterStore(manager, false);
        Random r = new Random(1);
        for (int length : new int[] {50, 200, 1001}) {
            float[] x = new float[3 * length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            MultiScaleStftDiscriminator.Output out = d.discriminate(ps, manager.create(x, new Shape(3, 1, length)),
                    false);
            assertEquals(3, out.logits().size());
            Shape[] expected = d.getOutputShapes(new Shape[] {new Shape(3, 1, length)});
            int k = 0;
            for (int s = 0; s < 3; s++) {
                int n = SMALL.fftSizes().get(s);
                long frames = MelSpectrogram.frameCount(n, length);
                long bins = n / 2 + 1;
                List<NDArray> maps = out.features().get(s);
                assertEquals(MultiScaleStftDiscriminator.LAYERS, maps.size());
                assertEquals(new Shape(3, 4, frames, bins), maps.get(0).getShape());
                long strided = ((bins + 1) / 2 + 1) / 2;
                strided = (strided + 1) / 2;
                assertEquals(new Shape(3, 4, frames, strided), maps.get(4).getShape(), "n_fft " + n + ", L " + length);
                assertEquals(new Shape(3, 1, frames, strided), out.logits().get(s).getShape());
                for (NDArray m : maps) {
                    assertEquals(expected[k++], m.getShape());
                }
                assertEquals(expected[k++], out.logits().get(s).getShape());
            }
        }
    }

    @Test
    void parametersHaveReadableNamesAndASeededDraw() {
        MultiScaleStftDiscriminator a = build(SMALL, 7, 100);
        MultiScaleStftDiscriminator b = build(SMALL, 7, 100);
        MultiScaleStftDiscriminator c = build(SMALL, 8, 100);
        Map<String, float[]> wa = weights(a);
        assertEquals(3 * 6 * 2, wa.size());
        assertTrue(wa.containsKey("scale32.conv0.weight") && wa.containsKey("scale128.conv3.bias")
                && wa.containsKey("scale64.post.weight"), wa.keySet().toString());
        assertEquals(new Shape(4, 4, 3, 9), param(a, "scale64.conv2.weight").getShape());
        assertEquals(new Shape(1, 4, 3, 3), param(a, "scale64.post.weight").getShape());
        Map<String, float[]> wb = weights(b);
        Map<String, float[]> wc = weights(c);
        boolean differs = false;
        for (String k : wa.keySet()) {
            assertArrayEquals(wa.get(k), wb.get(k), k);
            differs |= !java.util.Arrays.equals(wa.get(k), wc.get(k));
        }
        assertTrue(differs);
    }

    @Test
    void theSpectrumHoldsRealAndImaginaryParts() {
        // a cosine on bin 4 of n_fft 32: the frame in the middle has its energy in bin 4, real part only
        int n = 32;
        float[] x = new float[256];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(2 * Math.PI * 4 * i / n);
        }
        NDArray spec = MelSpectrogram.spectrum(manager.create(x, new Shape(1, 1, x.length)), n,
                MelSpectrogram.dftMatrix(n));
        int bins = n / 2 + 1;
        assertEquals(new Shape(1, MelSpectrogram.frameCount(n, x.length), 2 * bins), spec.getShape());
        float[] frame = spec.get("0, 10, :").toFloatArray();
        int peak = 0;
        for (int f = 0; f < 2 * bins; f++) {
            if (Math.abs(frame[f]) > Math.abs(frame[peak])) {
                peak = f;
            }
        }
        // 24 samples of padding on the left: frame 10 starts at sample 10·8 − 12 = 68, where the phase is 0 mod 2π·4/32·4
        assertTrue(peak == 4 || peak == bins + 4, "peak at column " + peak);
        double energy = 0;
        for (float v : frame) {
            energy += v * v;
        }
        assertTrue(frame[4] * frame[4] + frame[bins + 4] * frame[bins + 4] > 0.6 * energy);
    }

    @Test
    void aFewStepsSeparateSinesFromNoise() {
        int length = 1024;
        int batch = 4;
        AdversarialConfig config = AdversarialConfig.defaults().withDiscriminator(List.of(64, 128), 8);
        MultiScaleStftDiscriminator d = build(config, 3, length);
        ParameterStore ps = new ParameterStore(manager, false);
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : d.getParameters()) {
            named.put(p.getKey(), p.getValue());
        }
        List<Double> losses = new ArrayList<>();
        float realMean = 0;
        float fakeMean = 0;
        try (AdamOptimizer adam = new AdamOptimizer(named, 0.5, 0.9, 1e-8, 0, manager)) {
            Random r = new Random(5);
            for (int step = 0; step < 25; step++) {
                float[] sines = new float[batch * length];
                float[] noise = new float[batch * length];
                for (int b = 0; b < batch; b++) {
                    double freq = 200 + 600 * r.nextDouble();
                    double phase = 2 * Math.PI * r.nextDouble();
                    for (int i = 0; i < length; i++) {
                        sines[b * length + i] = (float) (0.5 * Math.sin(2 * Math.PI * freq * i / 16000 + phase));
                        noise[b * length + i] = (float) (0.35 * r.nextGaussian());
                    }
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray real = manager.create(sines, new Shape(batch, 1, length));
                    NDArray fake = manager.create(noise, new Shape(batch, 1, length));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        MultiScaleStftDiscriminator.Output out = d.discriminate(ps, real.concat(fake, 0), true);
                        MultiScaleStftDiscriminator.Output rOut = out.rows(0, batch);
                        MultiScaleStftDiscriminator.Output fOut = out.rows(batch, 2 * batch);
                        NDArray loss = AdversarialLoss.discriminator(rOut.logits(), fOut.logits());
                        gc.backward(loss);
                        losses.add((double) loss.getFloat());
                        realMean = rOut.logits().get(0).mean().getFloat();
                        fakeMean = fOut.logits().get(0).mean().getFloat();
                    }
                    adam.update(adam.gradients(), 1e-3, 1.0);
                    adam.clearGradients();
                }
            }
        }
        double first = (losses.get(0) + losses.get(1)) / 2;
        double last = (losses.get(23) + losses.get(24)) / 2;
        assertTrue(first > 1.5, "an untrained discriminator is near the hinge's 2: " + losses);
        assertTrue(last < 0.5 * first, "hinge loss " + first + " -> " + last + ": " + losses);
        assertTrue(realMean > fakeMean, "real " + realMean + " vs fake " + fakeMean);
    }

    private static NDArray param(MultiScaleStftDiscriminator d, String name) {
        for (Pair<String, Parameter> p : d.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private static Map<String, float[]> weights(MultiScaleStftDiscriminator d) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : d.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
