package studio.codebook.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static studio.codebook.engine.codec.CodecTestSupport.forward;
import static studio.codebook.engine.codec.CodecTestSupport.init;
import static studio.codebook.engine.codec.CodecTestSupport.set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeanetUpsample1dTest {

    @Test
    void interleavesSubChannelsFrameByFrame() {
        // r = 2, 1 → 1 channel, W[0, 0, :] = (a0, a1, b0, b1): y[2m + j] = W[j]·x[m] + W[j + 2]·x[m − 1];
        // with only the "current frame" taps set, the raw output is x[0]·(a0, a1), x[1]·(a0, a1), …, 0, 0
        // and EnCodec's trim drops 1 sample on the left and 1 on the right.
        SeanetUpsample1d up = SeanetUpsample1d.builder().setInChannels(1).setOutChannels(1).setRatio(2)
                .optWeightNorm(false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            init(up, manager, new Shape(1, 1, 3));
            set(up, "weight", new float[] {10, 1, 0, 0});
            set(up, "bias", new float[] {0});
            NDArray y = forward(up, manager, manager.create(new float[] {1, 2, 3}, new Shape(1, 1, 3)));
            // raw: 10, 1, 20, 2, 30, 3, 0, 0 → trimmed [1, 7): 1, 20, 2, 30, 3, 0
            assertArrayEquals(new float[] {1, 20, 2, 30, 3, 0}, y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void equalsTrimmedTransposedConvolution() {
        Random random = new Random(3);
        for (int r : new int[] {1, 2, 3, 5, 8}) {
            for (boolean weightNorm : new boolean[] {false, true}) {
                int in = 3;
                int out = 2;
                int frames = 4;
                SeanetUpsample1d up = SeanetUpsample1d.builder().setInChannels(in).setOutChannels(out).setRatio(r)
                        .optWeightNorm(weightNorm).build();
                try (NDManager manager = NDManager.newBaseManager()) {
                    init(up, manager, new Shape(2, in, frames));
                    float[] v = CodecTestSupport.randomFloats(random, in * out * 2 * r);
                    float[] b = CodecTestSupport.randomFloats(random, out);
                    float[] g = CodecTestSupport.randomFloats(random, in);
                    set(up, weightNorm ? "weight_v" : "weight", v);
                    set(up, "bias", b);
                    float[][][] w = CodecTestSupport.reshape3(v, in, out, 2 * r);
                    if (weightNorm) {
                        set(up, "weight_g", g);
                        for (int i = 0; i < in; i++) { // norm per input channel over (out, k)
                            double n = 0;
                            for (int o = 0; o < out; o++) {
                                for (int k = 0; k < 2 * r; k++) {
                                    n += w[i][o][k] * w[i][o][k];
                                }
                            }
                            for (int o = 0; o < out; o++) {
                                for (int k = 0; k < 2 * r; k++) {
                                    w[i][o][k] = (float) (g[i] * w[i][o][k] / Math.sqrt(n));
                                }
                            }
                        }
                    }
                    float[] x = CodecTestSupport.randomFloats(random, 2 * in * frames);
                    float[] y = forward(up, manager, manager.create(x, new Shape(2, in, frames))).toFloatArray();
                    assertEquals(2 * out * frames * r, y.length);
                    int left = r - r / 2;
                    for (int batch = 0; batch < 2; batch++) {
                        // the textbook scatter definition of ConvTranspose1d, then EnCodec's trim
                        double[][] raw = new double[out][(frames + 1) * r];
                        for (int o = 0; o < out; o++) {
                            for (int m = 0; m < frames; m++) {
                                for (int i = 0; i < in; i++) {
                                    float xv = x[(batch * in + i) * frames + m];
                                    for (int k = 0; k < 2 * r; k++) {
                                        raw[o][m * r + k] += w[i][o][k] * xv;
                                    }
                                }
                            }
                        }
                        for (int o = 0; o < out; o++) {
                            for (int n = 0; n < frames * r; n++) {
                                float expected = (float) (raw[o][n + left] + b[o]);
                                float actual = y[(batch * out + o) * frames * r + n];
                                assertEquals(expected, actual, 1e-4f, "r=" + r + " o=" + o + " n=" + n);
                            }
                        }
                    }
                }
            }
        }
    }
}
