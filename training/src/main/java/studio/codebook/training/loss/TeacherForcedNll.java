package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import studio.codebook.engine.lm.BeatClock;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.pattern.CodebookPattern;
import studio.codebook.engine.text.TextStates;
import studio.codebook.engine.device.Scalars;

/**
 * The language model's teacher-forced negative log-likelihood per codebook: the loss {@code LmTrainer}
 * minimises and the NLL {@code LmEvaluation} reports, computed in one place. Each window of codes [K][T] goes
 * through the model's pattern ({@code toSequence}, special token = cardinality in empty slots); the input is
 * steps 0…S−2 and the target steps 1…S−1; only the slots the pattern's {@code validMask} marks as holding a
 * real code count.
 *
 * <p>Arrays are made on {@code scope}; the caller closes it (and an {@code NDScope}) to free them.
 */
public final class TeacherForcedNll {

    private TeacherForcedNll() {}

    /**
     * Summed NLL and number of valid slots per codebook over a batch of windows of equal length.
     *
     * @param windows codes [K][T] of each example, all with the same T ≥ 1
     * @param captions one caption per window ("" for none)
     * @return [2, K] float32: row 0 the summed NLL in nats, row 1 the count of valid slots
     */
    public static NDArray sums(MusicModel model, ParameterStore parameterStore, NDManager scope,
            List<int[][]> windows, List<String> captions, boolean training) {
        return sums(model, parameterStore, scope, windows, captions, null, training);
    }

    /**
     * As {@link #sums(MusicModel, ParameterStore, NDManager, List, List, boolean)}, with the beat clock of each
     * window for an LM with a beat input ({@code LmConfig.beat}).
     *
     * @param beats per window the clock's features of its input steps 0 … S−2 ([(S−1) × FEATURES], see
     *     {@link #beatSteps}), or null for a window without a tempo; a null list feeds no clock at all
     */
    public static NDArray sums(MusicModel model, ParameterStore parameterStore, NDManager scope,
            List<int[][]> windows, List<String> captions, List<float[]> beats, boolean training) {
        return sums(model, parameterStore, scope, windows, captions, beats, null, training);
    }

    /**
     * As above, with noise on the input codes: each window's input steps go through {@code noise} ({@link
     * ContextNoise}) while its targets stay the real codes.
     *
     * @param noise null for none
     */
    public static NDArray sums(MusicModel model, ParameterStore parameterStore, NDManager scope,
            List<int[][]> windows, List<String> captions, List<float[]> beats, ContextNoise noise, boolean training) {
        CodebookPattern pattern = model.pattern();
        if (pattern == null) {
            throw new IllegalArgumentException("model " + model.config().id() + " has no language model");
        }
        if (windows.isEmpty() || windows.size() != captions.size()) {
            throw new IllegalArgumentException("need a caption per window, got " + windows.size() + " windows and "
                    + captions.size() + " captions");
        }
        int cardinality = model.config().codebookSize();
        int frames = windows.get(0)[0].length;
        int b = windows.size();
        int k = pattern.numCodebooks();
        int steps = pattern.steps(frames);
        int s = steps - 1;
        boolean[][] valid = pattern.validMask(frames);
        long[] input = new long[b * k * s];
        long[] target = new long[b * k * s];
        float[] mask = new float[b * k * s];
        for (int e = 0; e < b; e++) {
            if (windows.get(e)[0].length != frames) {
                throw new IllegalArgumentException("windows of one batch must have the same length");
            }
            int[][] seq = pattern.toSequence(windows.get(e), cardinality);
            for (int q = 0; q < k; q++) {
                int base = (e * k + q) * s;
                for (int t = 0; t < s; t++) {
                    input[base + t] = seq[q][t];
                    boolean ok = valid[q][t + 1];
                    target[base + t] = ok ? seq[q][t + 1] : 0;
                    mask[base + t] = ok ? 1f : 0f;
                }
            }
            if (noise != null) {
                noise.corrupt(input, e * k * s, k * s, cardinality);
            }
        }
        Shape shape = new Shape(b, k, s);
        NDArray tokens = scope.create(input, shape);
        NDArray targets = scope.create(target, shape);
        NDArray weights = scope.create(mask, shape);
        TextStates text = model.text().encode(parameterStore, scope, captions, training);
        NDList inputs = new NDList(tokens, text.states(), text.mask());
        if (beats != null) {
            inputs.add(beatInput(scope, beats, b, s));
        }
        NDArray logits = model.lm().forward(parameterStore, inputs, training).singletonOrThrow(); // [B, K, S, card]
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.gather(targets.expandDims(-1), -1).squeeze(-1);
        NDArray nll = picked.neg().mul(weights);
        return nll.sum(new int[] {0, 2}).stack(weights.sum(new int[] {0, 2}));
    }

    /** Input steps of a window of {@code frames} frames: the clock needs this many rows ({@code steps − 1}). */
    public static int beatSteps(CodebookPattern pattern, int frames) {
        return pattern.steps(frames) - 1;
    }

    private static NDArray beatInput(NDManager scope, List<float[]> beats, int b, int s) {
        if (beats.size() != b) {
            throw new IllegalArgumentException("need a beat clock (or null) per window, got " + beats.size() + " for " + b);
        }
        int row = s * BeatClock.FEATURES;
        float[] all = new float[b * row];
        for (int e = 0; e < b; e++) {
            float[] f = beats.get(e);
            if (f == null) {
                continue;
            }
            if (f.length != row) {
                throw new IllegalArgumentException("a beat clock of " + f.length + " numbers for " + s + " steps");
            }
            System.arraycopy(f, 0, all, e * row, row);
        }
        return scope.create(all, new Shape(b, s, BeatClock.FEATURES));
    }

    /** Mean NLL per codebook [K] (nats) over the valid slots of the windows: {@code LmTrainer}'s loss terms. */
    public static NDArray perCodebook(MusicModel model, ParameterStore parameterStore, NDManager scope,
            List<int[][]> windows, List<String> captions, boolean training) {
        return perCodebook(model, parameterStore, scope, windows, captions, null, null, training);
    }

    /**
     * As above, with each window's beat clock (null for none; see {@link #sums(MusicModel, ParameterStore,
     * NDManager, List, List, List, boolean)}) and noise on the input codes (null for none; see {@link
     * ContextNoise}).
     */
    public static NDArray perCodebook(MusicModel model, ParameterStore parameterStore, NDManager scope,
            List<int[][]> windows, List<String> captions, List<float[]> beats, ContextNoise noise, boolean training) {
        NDArray s = sums(model, parameterStore, scope, windows, captions, beats, noise, training);
        return s.get(0).div(s.get(1).maximum(Scalars.of(s, 1)));
    }
}
