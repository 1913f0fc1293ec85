package studio.codebook.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.SafeTensors;

/**
 * Adam (AdamW when {@code weightDecay > 0}) over named parameters, with its whole state — the first and
 * second moments and the step count — in arrays that {@link #save(Path)} writes to a safetensors file and
 * {@link #load(Path)} restores, so a resumed run continues bit for bit.
 *
 * <p>The file holds {@code m.<name>} and {@code v.<name>} (float32, the parameter's shape) for every
 * parameter, and the metadata {@code format=codebook-adam}, {@code step}, {@code beta1}, {@code beta2},
 * {@code epsilon}, {@code weightDecay}. DJL's own optimisers keep their state private, hence this class.
 *
 * <p>Updates run with autograd recording off; their temporaries belong to whatever {@code NDScope} is open.
 */
public final class AdamOptimizer implements AutoCloseable {

    static final String FORMAT = "codebook-adam";

    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private long step;

    /**
     * @param parameters the trainable parameters by unique name, in a fixed order
     * @param manager the device and parent of the state arrays (a sub-manager is opened and closed with this)
     */
    public AdamOptimizer(Map<String, Parameter> parameters, double beta1, double beta2, double epsilon,
            double weightDecay, NDManager manager) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.manager = manager.newSubManager();
        for (Map.Entry<String, Parameter> e : this.parameters.entrySet()) {
            NDArray p = e.getValue().getArray();
            firstMoments.put(e.getKey(), this.manager.zeros(p.getShape(), p.getDataType()));
            secondMoments.put(e.getKey(), this.manager.zeros(p.getShape(), p.getDataType()));
        }
    }

    /** The parameters it updates, by name. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Updates applied so far (skipped steps do not count). */
    public long step() {
        return step;
    }

    /** The gradient of every parameter, in {@link #parameters()} order (handles owned by the open scope). */
    public List<NDArray> gradients() {
        return parameters.values().stream().map(p -> (NDArray) p.getArray().getGradient()).toList();
    }

    /**
     * One update from the parameters' gradients.
     *
     * @param gradients from {@link #gradients()}
     * @param learningRate this step's rate
     * @param gradientScale multiplies every gradient first (global-norm clipping)
     */
    public void update(List<NDArray> gradients, double learningRate, double gradientScale) {
        JniUtils.setGradMode(false);
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (learningRate / correction1);
        float inverseCorrection2 = (float) (1 / correction2);
        int i = 0;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray weight = e.getValue().getArray();
            NDArray g = gradients.get(i++);
            if (gradientScale != 1) {
                g = g.mul((float) gradientScale);
            }
            NDArray m = firstMoments.get(e.getKey());
            NDArray v = secondMoments.get(e.getKey());
            m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            NDArray update = m.div(v.mul(inverseCorrection2).sqrt().addi((float) epsilon)).muli(stepSize);
            if (weightDecay > 0) {
                update.addi(weight.mul((float) (learningRate * weightDecay)));
            }
            weight.subi(update);
        }
    }

    /** Sets every parameter's gradient to zero (also NaN ones: no arithmetic on the old values). */
    public void clearGradients() {
        for (Parameter p : parameters.values()) {
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
    }

    /** Writes the state atomically. */
    public void save(Path file) throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            tensors.put("m." + name, tensor(firstMoments.get(name)));
            tensors.put("v." + name, tensor(secondMoments.get(name)));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("step", Long.toString(step));
        metadata.put("beta1", Double.toString(beta1));
        metadata.put("beta2", Double.toString(beta2));
        metadata.put("epsilon", Double.toString(epsilon));
        metadata.put("weightDecay", Double.toString(weightDecay));
        SafeTensors.write(file, tensors, metadata);
    }

    /**
     * Restores a state written by {@link #save(Path)} for the same parameters.
     *
     * @throws ModelFileException when the file is not such a state or does not fit the parameters
     */
    public void load(Path file) throws ModelFileException {
        SafeTensors.Content content = SafeTensors.read(file);
        if (!FORMAT.equals(content.metadata().get("format"))) {
            throw new ModelFileException(file, "is not an optimiser state (format " + content.metadata().get("format")
                    + ")");
        }
        for (String name : parameters.keySet()) {
            copy(file, content, "m." + name, firstMoments.get(name));
            copy(file, content, "v." + name, secondMoments.get(name));
        }
        if (content.tensors().size() != 2 * parameters.size()) {
            throw new ModelFileException(file, "holds " + content.tensors().size() + " tensors, expected "
                    + 2 * parameters.size());
        }
        try {
            step = Long.parseLong(content.metadata().get("step"));
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "has no valid step in its metadata");
        }
    }

    /** The moments as Java arrays (for tests that compare states). */
    Map<String, float[]> snapshot() {
        Map<String, float[]> out = new LinkedHashMap<>();
        firstMoments.forEach((k, v) -> out.put("m." + k, v.toFloatArray()));
        secondMoments.forEach((k, v) -> out.put("v." + k, v.toFloatArray()));
        return out;
    }

    private static SafeTensors.Tensor tensor(NDArray a) {
        return SafeTensors.Tensor.ofFloats(a.toFloatArray(), a.getShape().getShape());
    }

    private static void copy(Path file, SafeTensors.Content content, String name, NDArray target)
            throws ModelFileException {
        SafeTensors.Tensor t = content.tensors().get(name);
        if (t == null) {
            throw new ModelFileException(file, "has no tensor '" + name + "': it belongs to another model");
        }
        if (!Arrays.equals(t.shape(), target.getShape().getShape())) {
            throw new ModelFileException(file, "tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + target.getShape());
        }
        target.set(t.toFloats());
    }

    @Override
    public void close() {
        manager.close();
    }
}
