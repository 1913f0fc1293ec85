package studio.codebook.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.init.SeededBlock;
import studio.codebook.engine.init.SeededValues;
import studio.codebook.training.loss.MelSpectrogram;

/**
 * The classifier's network as one DJL block: waveform [B, L] → log-mel [B, 1, mels, frames] (normalised per
 * clip to zero mean and unit variance, so loudness is not a feature) → {@code conv<i>} (3×3, ReLU, 2×2 max-pool
 * except after the last) → global average pool → embedding [B, E] → three linear heads.
 *
 * <p>Outputs: genre logits, lead logits, drum logits, embedding. Parameters: {@code conv<i>.weight}
 * [out, in, 3, 3], {@code conv<i>.bias}, {@code genre.weight} [classes, E], {@code genre.bias}, and the same
 * for {@code lead} and {@code drums}: names that stay put as long as the configuration does. Initial weights
 * come from a seeded {@link Random} (He-uniform for the convolutions, PyTorch's ±1/√fan_in for the heads).
 * The front end has no parameters and is never differentiated (the input needs no gradient).
 */
final class AttributeClassifierBlock extends SeededBlock {

    private static final byte VERSION = 1;
    static final String[] HEADS = {"genre", "lead", "drums"};

    private final ClassifierConfig config;
    private final MelSpectrogram mel;
    private final Parameter[][] convs;
    private final Parameter[][] heads;

    AttributeClassifierBlock(ClassifierConfig config, long seed) {
        super(VERSION, seed);
        this.config = config;
        this.mel = new MelSpectrogram(config.sampleRate(), List.of(config.fftSize()), config.mels(), config.minHz());
        List<Integer> ch = config.channels();
        convs = new Parameter[ch.size()][];
        int in = 1;
        for (int i = 0; i < ch.size(); i++) {
            convs[i] = params("conv" + i, new Shape(ch.get(i), in, 3, 3), ch.get(i));
            in = ch.get(i);
        }
        int[] classes = {config.genres().size(), config.leads().size(), config.drums().size()};
        heads = new Parameter[HEADS.length][];
        for (int h = 0; h < HEADS.length; h++) {
            heads[h] = params(HEADS[h], new Shape(classes[h], in), classes[h]);
        }
    }

    private Parameter[] params(String name, Shape weightShape, long outputs) {
        Parameter w = addParameter(Parameter.builder().setName(name + ".weight").setType(Parameter.Type.WEIGHT)
                .optShape(weightShape).optInitializer(Initializer.ZEROS).build());
        Parameter b = addParameter(Parameter.builder().setName(name + ".bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outputs)).optInitializer(Initializer.ZEROS).build());
        return new Parameter[] {w, b};
    }

    ClassifierConfig config() {
        return config;
    }

    /** The normalised log-mel image [B, 1, mels, frames] of audio [B, L] (no gradient needed). */
    NDArray features(NDArray audio) {
        NDArray power = mel.mel(audio.reshape(-1, audio.getShape().get(audio.getShape().dimension() - 1)), 0);
        Shape shape = power.getShape(); // [B, mels, frames]
        NDArray logMel = power.add(1e-8f).log().reshape(shape.get(0), -1);
        NDArray centred = logMel.sub(logMel.mean(new int[] {1}, true));
        NDArray std = centred.square().mean(new int[] {1}, true).add(1e-5f).sqrt();
        return centred.div(std).reshape(shape.get(0), 1, shape.get(1), shape.get(2));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray audio = inputs.singletonOrThrow();
        NDArray z = features(audio);
        for (int i = 0; i < convs.length; i++) {
            NDArray w = parameterStore.getValue(convs[i][0], audio.getDevice(), training);
            NDArray b = parameterStore.getValue(convs[i][1], audio.getDevice(), training);
            z = Activation.relu(Conv2d.conv2d(z, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                    .singletonOrThrow());
            if (i < convs.length - 1) {
                z = Pool.maxPool2d(z, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true);
            }
        }
        Shape s = z.getShape();
        NDArray embedding = z.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
        NDList out = new NDList(HEADS.length + 1);
        for (Parameter[] head : heads) {
            NDArray w = parameterStore.getValue(head[0], audio.getDevice(), training);
            NDArray b = parameterStore.getValue(head[1], audio.getDevice(), training);
            out.add(Linear.linear(embedding, w, b).singletonOrThrow());
        }
        out.add(embedding);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes[0].size() / inputShapes[0].get(inputShapes[0].dimension() - 1);
        return new Shape[] {new Shape(rows, config.genres().size()), new Shape(rows, config.leads().size()),
            new Shape(rows, config.drums().size()), new Shape(rows, config.embeddingSize())};
    }

    /** He-uniform convolutions with zero biases, heads uniform in ±1/√fan_in. */
    @Override
    public void resetParameters(Random random) {
        for (Parameter[] conv : convs) {
            Shape s = conv[0].getArray().getShape();
            long fanIn = s.get(1) * s.get(2) * s.get(3);
            conv[0].getArray().set(SeededValues.uniform(random, s.size(), Math.sqrt(6.0 / fanIn)));
            conv[1].getArray().set(new float[(int) s.get(0)]);
        }
        for (Parameter[] head : heads) {
            Shape s = head[0].getArray().getShape();
            double bound = 1 / Math.sqrt(s.get(1));
            head[0].getArray().set(SeededValues.uniform(random, s.size(), bound));
            head[1].getArray().set(SeededValues.uniform(random, s.get(0), bound));
        }
    }

    @Override
    public String toString() {
        return "AttributeClassifier(" + config.mels() + " mels, convolutions " + config.channels() + ")";
    }
}
