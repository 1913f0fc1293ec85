package studio.codebook.engine.codec;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.Random;
import java.util.function.UnaryOperator;
import studio.codebook.engine.init.SeededValues;

/**
 * The weight and bias of a convolution, with optional weight norm, as the parameters of the block that
 * owns them: with weight norm {@code weight_v} [a, b, k], {@code weight_g} [a, 1, 1] and {@code bias},
 * without it {@code weight} and {@code bias} (the names and shapes of Meta's checkpoints, registered in
 * that order). The weight a forward uses is {@code g · v / ‖v‖}, the norm taken over every axis but the
 * first (PyTorch's {@code weight_norm(dim=0)}), computed once per call.
 */
final class ConvWeights {

    private final boolean weightNorm;
    private final Parameter weight;
    private final Parameter weightG;
    private final Parameter bias;

    /**
     * @param register the owning block's {@code addParameter}
     * @param weightShape [a, b, k]; weight norm normalises each of the a slices
     * @param biasSize the output channels
     */
    ConvWeights(UnaryOperator<Parameter> register, Shape weightShape, long biasSize, boolean weightNorm) {
        this.weightNorm = weightNorm;
        weight = register.apply(Parameter.builder()
                .setName(weightNorm ? "weight_v" : "weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(weightShape)
                .build());
        weightG = !weightNorm ? null : register.apply(Parameter.builder()
                .setName("weight_g")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(weightShape.get(0), 1, 1))
                .optInitializer(Initializer.ONES)
                .build());
        bias = register.apply(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(biasSize))
                .build());
    }

    /** Whether the weight is normalised, so that {@link #weight} returns a new array the caller may close. */
    boolean weightNorm() {
        return weightNorm;
    }

    /** The weight a forward uses: {@code g · v / ‖v‖} with weight norm, else the parameter's own array. */
    NDArray weight(ParameterStore ps, Device device, boolean training) {
        NDArray w = ps.getValue(weight, device, training);
        return weightNorm ? normalised(ps.getValue(weightG, device, training), w) : w;
    }

    NDArray bias(ParameterStore ps, Device device, boolean training) {
        return ps.getValue(bias, device, training);
    }

    /** {@code g · v / ‖v‖} with the norm over every axis but the first (PyTorch's weight_norm, dim 0). */
    static NDArray normalised(NDArray g, NDArray v) {
        return v.mul(g.div(v.norm(new int[] {1, 2}, true)));
    }

    /**
     * PyTorch's default initialisation: v and the bias uniform in ±{@code bound} (drawn in that order);
     * g = ‖v‖ per slice, so that the weight used starts equal to v.
     */
    void reset(Random random, double bound) {
        NDArray v = weight.getArray();
        float[] values = SeededValues.uniform(random, (int) v.size(), bound);
        v.set(values);
        if (weightNorm) {
            weightG.getArray().set(SeededValues.rowNorms(values, Math.toIntExact(v.getShape().get(0))));
        }
        NDArray b = bias.getArray();
        b.set(SeededValues.uniform(random, (int) b.size(), bound));
    }
}
