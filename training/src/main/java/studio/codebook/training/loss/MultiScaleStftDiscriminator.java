package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.init.SeededBlock;
import studio.codebook.engine.init.SeededBlockBuilder;
import studio.codebook.engine.init.SeededValues;

/**
 * EnCodec's multi-scale STFT discriminator (audiocraft's {@code MultiScaleSTFTDiscriminator}) as one DJL
 * block: per scale, the complex STFT of the waveform as a 2-channel image [B, 2 (real, imag), frames, bins]
 * goes through
 *
 * <ol>
 *   <li>{@code conv0}: 2 → F channels, kernel 3 × 9 (time × frequency);
 *   <li>{@code conv1 … conv3}: F → F, kernel 3 × 9, stride 2 along frequency, dilation 1, 2, 4 along time;
 *   <li>{@code conv4}: F → F, kernel 3 × 3;
 * </ol>
 * each followed by a LeakyReLU whose output is a <em>feature map</em> (5 per scale, for feature matching),
 * and a final {@code post} convolution F → 1, kernel 3 × 3, whose output is the scale's logits
 * [B, 1, frames, ⌈…⌈bins / 2⌉ / 2⌉ / 2⌉]. Paddings keep time frames and halve the bins at each stride
 * (kernel 3 × 9 with dilation d: d frames and 4 bins each side).
 *
 * <p>Differences from the reference, on purpose: no weight norm (plain convolutions, fewer parameters and
 * ops; the hinge loss and Adam (0.5, 0.9) keep it stable at our sizes); the STFT is {@link MelSpectrogram}'s
 * framing (reflect-padded by (n_fft − hop) / 2, so a few more frames than torchaudio's {@code center=False}),
 * so the codec's losses and its discriminator see the same frames.
 *
 * <p>Parameters are named {@code scale<n_fft>.conv<i>.weight} / {@code .bias} and
 * {@code scale<n_fft>.post.weight} / {@code .bias}, weights [out, in, kh, kw]; they are drawn from a seeded
 * {@link Random} (PyTorch's default: uniform ±1/√fan_in), so a discriminator built with the same config and
 * seed is the same on every run.
 */
public final class MultiScaleStftDiscriminator extends SeededBlock {

    private static final byte VERSION = 1;
    /** Time dilations of the three strided convolutions. */
    private static final int[] DILATIONS = {1, 2, 4};
    /** Feature maps per scale: conv0, the strided ones, conv4. */
    public static final int LAYERS = DILATIONS.length + 2;

    private final int[] fftSizes;
    private final int filters;
    private final float negativeSlope;
    /** Per scale: the windowed DFT matrix of {@link MelSpectrogram#spectrum}, made once by initialize. */
    private final NDArray[] dft;
    /** Per scale: LAYERS convolutions then post, each {weight, bias}. */
    private final Parameter[][][] convs;

    /** What the discriminator says about a batch: per scale, its logits and its feature maps. */
    public record Output(List<NDArray> logits, List<List<NDArray>> features) {

        /** The rows {@code from} (inclusive) to {@code to} (exclusive) of every array. */
        public Output rows(long from, long to) {
            List<NDArray> l = new ArrayList<>(logits.size());
            List<List<NDArray>> f = new ArrayList<>(features.size());
            for (int s = 0; s < logits.size(); s++) {
                l.add(logits.get(s).get(from + ":" + to));
                List<NDArray> maps = new ArrayList<>(features.get(s).size());
                for (NDArray m : features.get(s)) {
                    maps.add(m.get(from + ":" + to));
                }
                f.add(maps);
            }
            return new Output(l, f);
        }
    }

    MultiScaleStftDiscriminator(AdversarialConfig config, long seed) {
        super(VERSION, seed);
        this.fftSizes = config.fftSizes().stream().mapToInt(Integer::intValue).toArray();
        this.filters = config.filters();
        this.negativeSlope = (float) config.negativeSlope();
        this.dft = new NDArray[fftSizes.length];
        this.convs = new Parameter[fftSizes.length][LAYERS + 1][];
        for (int s = 0; s < fftSizes.length; s++) {
            String prefix = "scale" + fftSizes[s] + ".";
            convs[s][0] = conv(prefix + "conv0", 2, filters, 3, 9);
            for (int i = 0; i < DILATIONS.length; i++) {
                convs[s][i + 1] = conv(prefix + "conv" + (i + 1), filters, filters, 3, 9);
            }
            convs[s][LAYERS - 1] = conv(prefix + "conv" + (LAYERS - 1), filters, filters, 3, 3);
            convs[s][LAYERS] = conv(prefix + "post", filters, 1, 3, 3);
        }
    }

    /** A builder: {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    private Parameter[] conv(String name, int in, int out, int kh, int kw) {
        Parameter w = addParameter(Parameter.builder().setName(name + ".weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kh, kw)).optInitializer(Initializer.ZEROS).build());
        Parameter b = addParameter(Parameter.builder().setName(name + ".bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build());
        return new Parameter[] {w, b};
    }

    /** The STFT sizes, one per scale. */
    public List<Integer> fftSizes() {
        return java.util.Arrays.stream(fftSizes).boxed().toList();
    }

    public int scales() {
        return fftSizes.length;
    }

    /**
     * Logits and feature maps of every scale.
     *
     * @param audio [B, 1, L] (or [B, L])
     */
    public Output discriminate(ParameterStore parameterStore, NDArray audio, boolean training) {
        return unflatten(forward(parameterStore, new NDList(audio), training));
    }

    /** Splits {@link #forward}'s flat list (per scale: LAYERS feature maps, then the logits). */
    public Output unflatten(NDList flat) {
        if (flat.size() != fftSizes.length * (LAYERS + 1)) {
            throw new IllegalArgumentException("expected " + fftSizes.length * (LAYERS + 1) + " arrays, got "
                    + flat.size());
        }
        List<NDArray> logits = new ArrayList<>(fftSizes.length);
        List<List<NDArray>> features = new ArrayList<>(fftSizes.length);
        for (int s = 0; s < fftSizes.length; s++) {
            int base = s * (LAYERS + 1);
            features.add(List.copyOf(flat.subList(base, base + LAYERS)));
            logits.add(flat.get(base + LAYERS));
        }
        return new Output(logits, features);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray audio = inputs.singletonOrThrow();
        long rows = audio.size() / audio.getShape().get(audio.getShape().dimension() - 1);
        NDList out = new NDList(fftSizes.length * (LAYERS + 1));
        for (int s = 0; s < fftSizes.length; s++) {
            int n = fftSizes[s];
            int bins = n / 2 + 1;
            NDArray spectrum = MelSpectrogram.spectrum(audio, n, dft[s]); // [R, T, 2·bins]
            long frames = spectrum.getShape().get(1);
            NDArray z = spectrum.reshape(rows, frames, 2, bins).transpose(0, 2, 1, 3); // [R, 2, T, bins]
            for (int i = 0; i <= LAYERS; i++) {
                NDArray w = parameterStore.getValue(convs[s][i][0], audio.getDevice(), training);
                NDArray b = parameterStore.getValue(convs[s][i][1], audio.getDevice(), training);
                boolean wide = i < LAYERS - 1;
                int dilation = i >= 1 && i <= DILATIONS.length ? DILATIONS[i - 1] : 1;
                int stride = i >= 1 && i <= DILATIONS.length ? 2 : 1;
                z = Conv2d.conv2d(z, w, b, new Shape(1, stride), new Shape(dilation, wide ? 4 : 1),
                        new Shape(dilation, 1), 1).singletonOrThrow();
                if (i < LAYERS) {
                    z = Activation.leakyRelu(z, negativeSlope);
                }
                out.add(z);
            }
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long length = in.get(in.dimension() - 1);
        long rows = in.size() / length;
        Shape[] shapes = new Shape[fftSizes.length * (LAYERS + 1)];
        int k = 0;
        for (int n : fftSizes) {
            long frames = MelSpectrogram.frameCount(n, length);
            long bins = n / 2 + 1;
            for (int i = 0; i <= LAYERS; i++) {
                if (i >= 1 && i <= DILATIONS.length) {
                    bins = (bins + 1) / 2;
                }
                shapes[k++] = new Shape(rows, i == LAYERS ? 1 : filters, frames, bins);
            }
        }
        return shapes;
    }

    /** Draws the weights from the seed (see {@link SeededBlock}) and makes the scales' DFT matrices. */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        for (int s = 0; s < fftSizes.length; s++) {
            int n = fftSizes[s];
            dft[s] = MelSpectrogram.owned(manager.create(MelSpectrogram.dftMatrix(n), new Shape(n, n + 2L)));
        }
    }

    /** Redraws every parameter: weights and biases uniform in ±1/√fan_in (PyTorch's Conv2d default). */
    @Override
    public void resetParameters(Random random) {
        for (Parameter[][] scale : convs) {
            for (Parameter[] conv : scale) {
                Shape shape = conv[0].getArray().getShape();
                double bound = 1.0 / Math.sqrt(shape.get(1) * shape.get(2) * shape.get(3));
                conv[0].getArray().set(SeededValues.uniform(random, shape.size(), bound));
                conv[1].getArray().set(SeededValues.uniform(random, shape.get(0), bound));
            }
        }
    }

    @Override
    public String toString() {
        return "MultiScaleStftDiscriminator(n_fft " + fftSizes() + ", " + filters + " filters)";
    }

    /**
     * Builder: {@code setConfig} (scales, filters and slope from an adversarial configuration) is required;
     * {@code optSeed} (default 0) fixes the initial weights.
     */
    public static final class Builder extends SeededBlockBuilder<AdversarialConfig, Builder> {

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public MultiScaleStftDiscriminator build() {
            return new MultiScaleStftDiscriminator(
                    requireConfig("the discriminator needs a configuration (setConfig)"), seed());
        }
    }
}
