package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;

/** Small helpers shared by the codec tests: Java reference maths and forward calls. */
final class CodecTestSupport {

    private CodecTestSupport() {}

    static NDArray forward(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    static float[] randomFloats(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static void set(Block block, String name, float[] values) {
        block.getParameters().get(name).getArray().set(values);
    }

    static SeanetConfig tiny(String padMode, int lstmLayers, List<Integer> ratios) {
        return new SeanetConfig(1, 6, 4, ratios, 7, 7, 3, 1, 2, 2, lstmLayers, true, padMode, true);
    }

    static void init(Block block, NDManager manager, Shape shape) {
        block.initialize(manager, DataType.FLOAT32, shape);
    }

    /** audiocraft's pad1d on one channel: constant zeros, or reflect with the short-input fallback. */
    static float[] pad1d(float[] x, int left, int right, boolean reflect) {
        if (!reflect) {
            float[] p = new float[x.length + left + right];
            System.arraycopy(x, 0, p, left, x.length);
            return p;
        }
        int maxPad = Math.max(left, right);
        int extra = x.length <= maxPad ? maxPad - x.length + 1 : 0;
        float[] z = java.util.Arrays.copyOf(x, x.length + extra);
        int n = z.length;
        float[] p = new float[n + left + right];
        for (int j = 0; j < left; j++) {
            p[j] = z[left - j];
        }
        System.arraycopy(z, 0, p, left, n);
        for (int j = 0; j < right; j++) {
            p[left + n + j] = z[n - 2 - j];
        }
        return java.util.Arrays.copyOf(p, p.length - extra);
    }

    /** Plain valid convolution: x [in][L'], w [out][in][k] → [out][frames]. */
    static float[][] conv(float[][] x, float[][][] w, float[] b, int stride, int dilation) {
        int out = w.length;
        int in = x.length;
        int k = w[0][0].length;
        int frames = (x[0].length - (k - 1) * dilation - 1) / stride + 1;
        float[][] y = new float[out][frames];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < frames; t++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < k; j++) {
                        s += (double) w[o][i][j] * x[i][t * stride + j * dilation];
                    }
                }
                y[o][t] = (float) s;
            }
        }
        return y;
    }

    static float[][][] reshape3(float[] flat, int a, int b, int c) {
        float[][][] r = new float[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(flat, (i * b + j) * c, r[i][j], 0, c);
            }
        }
        return r;
    }
}
