package studio.codebook.engine.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 8-bit form of a float tensor in a compact weights file: symmetric, one scale per row of dimension 0
 * (an output channel of a convolution, an output unit of a linear layer or LSTM gate, a token's
 * embedding). For a row r, scale = max|r| / 127 and q = round(r / scale) in [−127, 127]; the value read
 * back is q · scale, so each weight is off by at most scale / 2, i.e. 0.4 % of its row's largest weight.
 *
 * <p>Layout in the safetensors file: the tensor itself under its parameter name with dtype I8 and the
 * parameter's shape, and its scales beside it under {@code name + }{@value #SCALE_SUFFIX}, F32 of shape
 * [rows] (F16 scales are read too). A row of zeros has scale 0. Plain safetensors tools read both as
 * ordinary tensors.
 */
public final class CompactTensors {

    /** Tensors smaller than this stay float32: they are a rounding error of the file's size. */
    public static final int MIN_ELEMENTS = 4096;

    /** Name suffix of the per-row scales of an I8 tensor. */
    public static final String SCALE_SUFFIX = ".__scale__";

    private CompactTensors() {}

    /** Whether a trainable float tensor of this shape is stored in 8 bits. */
    public static boolean quantizes(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return shape.length >= 2 && n >= MIN_ELEMENTS && shape[0] > 0;
    }

    /**
     * The 8-bit tensor and its scales, keyed by the names they are stored under.
     *
     * @throws IllegalArgumentException if a value is not finite (a model that diverged is not packed)
     */
    public static Map<String, SafeTensors.Tensor> encode(String name, float[] values, long[] shape) {
        int rows = Math.toIntExact(shape[0]);
        int width = values.length / rows;
        float[] scales = new float[rows];
        ByteBuffer q = ByteBuffer.allocate(values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int i = r * width; i < (r + 1) * width; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("tensor '" + name + "' holds a non-finite value: the model "
                            + "cannot be packed");
                }
                max = Math.max(max, Math.abs(values[i]));
            }
            float scale = max / 127f;
            scales[r] = scale;
            for (int i = r * width; i < (r + 1) * width; i++) {
                int v = scale == 0 ? 0 : Math.round(values[i] / scale);
                q.put(i, (byte) Math.max(-127, Math.min(127, v)));
            }
        }
        Map<String, SafeTensors.Tensor> out = new LinkedHashMap<>();
        out.put(name, new SafeTensors.Tensor(SafeTensors.DType.I8, shape.clone(), q));
        out.put(name + SCALE_SUFFIX, SafeTensors.Tensor.ofFloats(scales, new long[] {rows}));
        return out;
    }

    /**
     * The float32 values of an 8-bit tensor read from {@code file}, checking its scales.
     *
     * @param scales the tensor stored under {@code name + SCALE_SUFFIX}, or null if there is none
     * @throws ModelFileException naming the file and tensor when the scales are missing, of another shape or
     *     type, negative or not finite
     */
    public static float[] decode(Path file, String name, SafeTensors.Tensor quantized, SafeTensors.Tensor scales)
            throws ModelFileException {
        long[] shape = quantized.shape();
        if (shape.length < 1 || shape[0] < 1) {
            throw new ModelFileException(file, "tensor '" + name + "' is 8-bit but has no rows to scale (shape "
                    + Arrays.toString(shape) + ")");
        }
        if (scales == null) {
            throw new ModelFileException(file, "tensor '" + name + "' is 8-bit but its scales '" + name + SCALE_SUFFIX
                    + "' are missing");
        }
        if (scales.dtype() != SafeTensors.DType.F32 && scales.dtype() != SafeTensors.DType.F16) {
            throw new ModelFileException(file, "the scales '" + name + SCALE_SUFFIX + "' are " + scales.dtype()
                    + ", expected F32 or F16");
        }
        if (scales.shape().length != 1 || scales.shape()[0] != shape[0]) {
            throw new ModelFileException(file, "the scales '" + name + SCALE_SUFFIX + "' have shape "
                    + Arrays.toString(scales.shape()) + ", expected [" + shape[0] + "] (one per row of '" + name + "')");
        }
        float[] s = scales.toFloats();
        for (float v : s) {
            if (!(v >= 0) || !Float.isFinite(v)) {
                throw new ModelFileException(file, "the scales '" + name + SCALE_SUFFIX + "' hold " + v
                        + "; a scale must be finite and >= 0");
            }
        }
        int rows = s.length;
        int n = Math.toIntExact(quantized.elements());
        int width = n / rows;
        ByteBuffer b = quantized.data().duplicate();
        float[] out = new float[n];
        for (int r = 0; r < rows; r++) {
            float scale = s[r];
            for (int i = r * width; i < (r + 1) * width; i++) {
                out[i] = b.get(i) * scale;
            }
        }
        return out;
    }
}
