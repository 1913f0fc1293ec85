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

class SeanetConv1dTest {

    @Test
    void constantPadStrideOneMatchesHandComputedOutput() {
        // k = 3, no dilation: total pad 2 → left 1, right 1. Weight [1, 1, 3] = (1, 2, 3), bias 0.5.
        // x = (1, 2, 3, 4) padded (0, 1, 2, 3, 4, 0):
        // y0 = 0·1 + 1·2 + 2·3 + .5 = 8.5, y1 = 1 + 4 + 9 + .5 = 14.5, y2 = 2 + 6 + 12 + .5 = 20.5,
        // y3 = 3 + 8 + 0 + .5 = 11.5
        SeanetConv1d conv = SeanetConv1d.builder().setInChannels(1).setOutChannels(1).setKernelSize(3)
                .optWeightNorm(false).optPadMode("constant").build();
        try (NDManager manager = NDManager.newBaseManager()) {
            init(conv, manager, new Shape(1, 1, 4));
            set(conv, "weight", new float[] {1, 2, 3});
            set(conv, "bias", new float[] {0.5f});
            NDArray y = forward(conv, manager, manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 4)));
            assertArrayEquals(new float[] {8.5f, 14.5f, 20.5f, 11.5f}, y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void evenKernelPutsTheLargerPadOnTheLeft() {
        // k = 4: total 3, right = 1, left = 2. Weight picks the last tap: y[t] = padded[t + 3] = x[t + 1].
        SeanetConv1d conv = SeanetConv1d.builder().setInChannels(1).setOutChannels(1).setKernelSize(4)
                .optWeightNorm(false).optPadMode("constant").build();
        try (NDManager manager = NDManager.newBaseManager()) {
            init(conv, manager, new Shape(1, 1, 3));
            set(conv, "weight", new float[] {0, 0, 0, 1});
            set(conv, "bias", new float[] {0});
            NDArray y = forward(conv, manager, manager.create(new float[] {5, 6, 7}, new Shape(1, 1, 3)));
            assertArrayEquals(new float[] {6, 7, 0}, y.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void weightNormEqualsPlainConvolutionWithNormalisedWeightAndIgnoresTheScaleOfV() {
        int in = 2;
        int out = 3;
        int k = 3;
        int length = 9;
        Random random = new Random(11);
        float[] v = CodecTestSupport.randomFloats(random, out * in * k);
        float[] g = {0.5f, 2f, -1.5f};
        float[] b = {0.1f, -0.2f, 0.3f};
        float[] x = CodecTestSupport.randomFloats(random, in * length);
        for (String mode : new String[] {"constant", "reflect"}) {
            SeanetConv1d conv = SeanetConv1d.builder().setInChannels(in).setOutChannels(out).setKernelSize(k)
                    .optDilation(2).optPadMode(mode).build();
            try (NDManager manager = NDManager.newBaseManager()) {
                init(conv, manager, new Shape(1, in, length));
                set(conv, "weight_v", v);
                set(conv, "weight_g", g);
                set(conv, "bias", b);
                NDArray input = manager.create(x, new Shape(1, in, length));
                float[] y = forward(conv, manager, input).toFloatArray();

                // Java reference: w = g · v / ‖v‖ (per output channel), padded per audiocraft, valid conv
                float[][][] w = CodecTestSupport.reshape3(v, out, in, k);
                for (int o = 0; o < out; o++) {
                    double n = 0;
                    for (int i = 0; i < in; i++) {
                        for (int j = 0; j < k; j++) {
                            n += w[o][i][j] * w[o][i][j];
                        }
                    }
                    for (int i = 0; i < in; i++) {
                        for (int j = 0; j < k; j++) {
                            w[o][i][j] = (float) (g[o] * w[o][i][j] / Math.sqrt(n));
                        }
                    }
                }
                // effective kernel 5, total pad 4 → left 2, right 2
                float[][] xp = new float[in][];
                for (int i = 0; i < in; i++) {
                    float[] row = java.util.Arrays.copyOfRange(x, i * length, (i + 1) * length);
                    xp[i] = CodecTestSupport.pad1d(row, 2, 2, "reflect".equals(mode));
                }
                float[][] ref = CodecTestSupport.conv(xp, w, b, 1, 2);
                float[] flat = new float[out * length];
                for (int o = 0; o < out; o++) {
                    System.arraycopy(ref[o], 0, flat, o * length, length);
                }
                assertArrayEquals(flat, y, 1e-4f, mode);

                // scaling v leaves w, hence the output, unchanged
                float[] scaled = v.clone();
                for (int i = 0; i < scaled.length; i++) {
                    scaled[i] *= 7.5f;
                }
                set(conv, "weight_v", scaled);
                assertArrayEquals(y, forward(conv, manager, input).toFloatArray(), 1e-4f, mode);
            }
        }
    }

    @Test
    void stridedConvolutionMatchesReferenceForShortAndOddLengths() {
        // kernel 2r, stride r as in the encoder's down-sampling, both pad modes, including inputs
        // shorter than the pad (reflect fallback)
        int r = 4;
        Random random = new Random(5);
        for (String mode : new String[] {"constant", "reflect"}) {
            for (int length : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13}) {
                SeanetConv1d conv = SeanetConv1d.builder().setInChannels(1).setOutChannels(1).setKernelSize(2 * r)
                        .optStride(r).optWeightNorm(false).optPadMode(mode).build();
                try (NDManager manager = NDManager.newBaseManager()) {
                    init(conv, manager, new Shape(1, 1, length));
                    float[] w = CodecTestSupport.randomFloats(random, 2 * r);
                    set(conv, "weight", w);
                    set(conv, "bias", new float[] {0});
                    float[] x = CodecTestSupport.randomFloats(random, length);
                    float[] y = forward(conv, manager, manager.create(x, new Shape(1, 1, length))).toFloatArray();
                    int frames = (length + r - 1) / r;
                    assertEquals(frames, y.length, mode + " L=" + length);
                    // total pad r: right r/2 + extra, left r − r/2
                    int extra = frames * r - length;
                    float[] xp = CodecTestSupport.pad1d(x, r - r / 2, r / 2 + extra, "reflect".equals(mode));
                    float[][] ref = CodecTestSupport.conv(new float[][] {xp},
                            new float[][][] {{w}}, new float[] {0}, r, 1);
                    assertArrayEquals(ref[0], y, 1e-5f, mode + " L=" + length);
                }
            }
        }
    }

    @Test
    void outputShapeIsCeilOfLengthOverStride() {
        SeanetConv1d conv = SeanetConv1d.builder().setInChannels(2).setOutChannels(5).setKernelSize(10)
                .optStride(5).build();
        assertEquals(new Shape(3, 5, 3), conv.getOutputShapes(new Shape[] {new Shape(3, 2, 11)})[0]);
        assertEquals(new Shape(3, 5, 2), conv.getOutputShapes(new Shape[] {new Shape(3, 2, 10)})[0]);
    }
}
