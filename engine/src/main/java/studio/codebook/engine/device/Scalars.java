package studio.codebook.engine.device;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for arrays that take part in back-propagation.
 *
 * <p>Why not {@code x.mul(0.5f)}: DJL's PyTorch engine turns the Java number into a tensor that wraps a Java
 * direct buffer ({@code from_blob}, no copy) and closes it right after the operation. Autograd keeps that
 * tensor for the backward pass ({@code mul}, {@code div}, {@code maximum} read their other operand), and
 * once the buffer is garbage-collected the backward pass reads freed memory: now and then a gradient
 * becomes garbage or infinite (seen here as rare {@code gradNorm = Infinity} steps). A scalar made by
 * libtorch itself ({@code torch::full}) is owned by the tensor and lives as long as autograd needs it.
 * Inference code and arrays without gradients may keep using Java numbers.
 */
public final class Scalars {

    private Scalars() {}

    /** A 0-dimensional array of {@code like}'s type and manager, holding {@code value}, owned by libtorch. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
