package studio.codebook.engine.lm;

/**
 * MusicGen's sinusoidal positions ({@code create_sin_embedding} of audiocraft's transformer), shared by
 * the language model and the text encoder: for position p and i in [0, dim/2),
 * phase = p / 10000^(i / (dim/2 − 1)); the embedding is [cos(phase_0 … phase_{h−1}),
 * sin(phase_0 … phase_{h−1})] (cos half first).
 */
public final class SinusoidalPositions {

    private SinusoidalPositions() {}

    /** The table for positions 0 … positions−1, [positions × dim] row-major. */
    public static float[] table(int positions, int dim) {
        int half = dim / 2;
        float[] table = new float[positions * dim];
        for (int i = 0; i < half; i++) {
            double frequency = half > 1 ? Math.pow(10000.0, -(double) i / (half - 1)) : 1.0;
            for (int p = 0; p < positions; p++) {
                double phase = p * frequency;
                table[p * dim + i] = (float) Math.cos(phase);
                table[p * dim + half + i] = (float) Math.sin(phase);
            }
        }
        return table;
    }
}
