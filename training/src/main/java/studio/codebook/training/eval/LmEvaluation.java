package studio.codebook.training.eval;

import studio.codebook.training.loss.TeacherForcedNll;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.lm.BeatClock;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.Provenance;
import studio.codebook.engine.pattern.CodebookPattern;
import studio.codebook.engine.text.PromptTempo;

/**
 * The language model's negative log-likelihood of held-out codes, per codebook, under its pattern: teacher
 * forcing, each segment's real caption as the text condition, eval mode, only the slots that hold a real code
 * (computed by {@link TeacherForcedNll}, the trainer's own computation).
 *
 * <p>A segment is cut into consecutive windows of {@code windowFrames} frames (the last one shorter), each
 * scored from a fresh context. The window is the LM's training length when its provenance records one (an LM
 * trained on 5 s windows is scored on 5 s windows, not asked to extrapolate past what it has seen), else as
 * many frames as its context holds; a segment that fits is one window. The means are over all scored codes
 * (each code counts once), so segments and windows of different lengths are weighted by their codes. A randomly initialised LM scores about ln V nats
 * ({@code uniformNats}).
 *
 * @param windows windows scored
 * @param windowFrames the longest window, in frames
 * @param pattern the pattern's name
 * @param codebooks NLL of each codebook
 * @param meanNats mean over the K codebooks (nats per code)
 * @param meanBits the same in bits per code
 * @param uniformNats ln V: the NLL of a model that knows nothing
 */
public record LmEvaluation(int windows, int windowFrames, String pattern, List<CodebookNll> codebooks,
        double meanNats, double meanBits, double uniformNats) {

    /** Windows per forward pass. */
    private static final int BATCH = 4;

    public LmEvaluation {
        codebooks = List.copyOf(codebooks);
    }

    /**
     * Scores the codes of held-out segments.
     *
     * @param codes the segments' codes from this model's codec
     * @param captions one caption per segment (null or "" for none)
     * @throws IllegalArgumentException for a codec-only model, no codes, or codes of another shape
     */
    public static LmEvaluation measure(MusicModel model, List<Codes> codes, List<String> captions,
            EvaluationListener listener) {
        CodebookPattern pattern = model.pattern();
        if (pattern == null || model.lm() == null) {
            throw new IllegalArgumentException("model " + model.config().id() + " is a codec only; it has no language "
                    + "model to evaluate");
        }
        if (codes.isEmpty() || codes.size() != captions.size()) {
            throw new IllegalArgumentException("need codes and a caption for each segment, got " + codes.size()
                    + " codes and " + captions.size() + " captions");
        }
        int k = pattern.numCodebooks();
        int contextFrames = pattern.frames(model.config().lm().maxSteps() + 1);
        if (contextFrames < 1) {
            throw new IllegalArgumentException("the LM's context of " + model.config().lm().maxSteps()
                    + " steps holds no complete frame");
        }
        Provenance provenance = model.config().provenance();
        int trained = provenance == null ? contextFrames : provenance.lmTrainingFrames().orElse(contextFrames);
        int maxFrames = Math.min(contextFrames, trained);
        // windows grouped by length so each batch is rectangular
        Map<Integer, List<int[][]>> byLength = new LinkedHashMap<>();
        Map<Integer, List<String>> captionsByLength = new LinkedHashMap<>();
        // an LM with a beat input hears the tempo the caption names, as generate gives it the prompt's
        boolean beatInput = model.config().lm().beat();
        Map<Integer, List<float[]>> beatsByLength = new LinkedHashMap<>();
        int longest = 0;
        for (int i = 0; i < codes.size(); i++) {
            Codes c = codes.get(i);
            if (c.numCodebooks() != k || c.codebookSize() != model.config().codebookSize()) {
                throw new IllegalArgumentException("segment " + (i + 1) + " has " + c.numCodebooks() + " x "
                        + c.codebookSize() + " codes; the model takes " + k + " x " + model.config().codebookSize());
            }
            int[][] all = c.codes();
            for (int start = 0; start < c.numFrames(); start += maxFrames) {
                int end = Math.min(c.numFrames(), start + maxFrames);
                int[][] w = new int[k][];
                for (int q = 0; q < k; q++) {
                    w[q] = Arrays.copyOfRange(all[q], start, end);
                }
                byLength.computeIfAbsent(end - start, x -> new ArrayList<>()).add(w);
                String caption = captions.get(i);
                captionsByLength.computeIfAbsent(end - start, x -> new ArrayList<>()).add(caption == null ? "" : caption);
                if (beatInput) {
                    OptionalDouble bpm = PromptTempo.bpm(caption);
                    beatsByLength.computeIfAbsent(end - start, x -> new ArrayList<>()).add(bpm.isEmpty() ? null
                            : new BeatClock(bpm.getAsDouble(), c.frameRate()).features(pattern, start, 0,
                                    TeacherForcedNll.beatSteps(pattern, end - start)));
                }
                longest = Math.max(longest, end - start);
            }
        }
        int totalWindows = byLength.values().stream().mapToInt(List::size).sum();
        double[] sums = new double[k];
        double[] counts = new double[k];
        int done = 0;
        NDManager parent = model.lm().getParameters().valueAt(0).getArray().getManager();
        for (Map.Entry<Integer, List<int[][]>> e : byLength.entrySet()) {
            List<int[][]> windows = e.getValue();
            List<String> texts = captionsByLength.get(e.getKey());
            for (int from = 0; from < windows.size(); from += BATCH) {
                int to = Math.min(windows.size(), from + BATCH);
                try (NDScope arrays = new NDScope(); NDManager scope = parent.newSubManager()) {
                    arrays.suppressNotUsedWarning();
                    ParameterStore ps = new ParameterStore(scope, false);
                    List<float[]> beats = beatInput ? beatsByLength.get(e.getKey()).subList(from, to) : null;
                    float[] v = TeacherForcedNll.sums(model, ps, scope, windows.subList(from, to), texts.subList(from, to),
                            beats, false).toFloatArray();
                    for (int q = 0; q < k; q++) {
                        sums[q] += v[q];
                        counts[q] += v[k + q];
                    }
                }
                done += to - from;
                listener.progress("lm", done, totalWindows);
            }
        }
        List<CodebookNll> perCodebook = new ArrayList<>(k);
        double mean = 0;
        for (int q = 0; q < k; q++) {
            double nats = sums[q] / Math.max(1, counts[q]);
            perCodebook.add(new CodebookNll(q, nats, nats / Math.log(2), (long) counts[q]));
            mean += nats / k;
        }
        return new LmEvaluation(totalWindows, longest, pattern.name(), perCodebook, mean, mean / Math.log(2),
                Math.log(model.config().codebookSize()));
    }
}
