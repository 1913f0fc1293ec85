package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Random;

/** Synthetic latents: frames drawn around a few fixed Gaussian cluster centres, reproducibly. */
final class ClusteredData {

    final int dimension;
    final float[][] centres;
    final double noise;
    private final Random random;

    ClusteredData(int clusters, int dimension, double spread, double noise, long seed) {
        this.dimension = dimension;
        this.noise = noise;
        this.random = new Random(seed);
        centres = new float[clusters][dimension];
        for (float[] c : centres) {
            for (int d = 0; d < dimension; d++) {
                c[d] = (float) (random.nextGaussian() * spread);
            }
        }
    }

    /** A latent [B, D, T] whose B·T frames are noisy copies of random centres. */
    NDArray latent(NDManager manager, int batch, int time) {
        float[] data = new float[batch * dimension * time];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                float[] c = centres[random.nextInt(centres.length)];
                for (int d = 0; d < dimension; d++) {
                    data[(b * dimension + d) * time + t] = (float) (c[d] + random.nextGaussian() * noise);
                }
            }
        }
        return manager.create(data, new Shape(batch, dimension, time));
    }

    /** Mean squared error between two arrays of the same shape, read back to Java. */
    static double mse(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            s += d * d;
        }
        return s / x.length;
    }

    static double meanSquare(NDArray a) {
        float[] x = a.toFloatArray();
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s / x.length;
    }

    /** Copies of every parameter's values, in getParameters() order. */
    static float[][] snapshot(ai.djl.nn.Block block) {
        return block.getParameters().values().stream()
                .map(Parameter::getArray)
                .map(NDArray::toFloatArray)
                .toArray(float[][]::new);
    }
}
