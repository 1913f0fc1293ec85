package studio.codebook.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import studio.codebook.engine.lm.BeatClock;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.pattern.CodebookPattern;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.ContextNoise;
import studio.codebook.training.loss.TeacherForcedNll;

/**
 * Trains a model's language model and text encoder (jointly) on the codes of its frozen codec.
 *
 * <p>The segments are encoded once in eval mode and cached ({@link CodesCache}). Per step: a batch of
 * windows of {@code frames} frames (segments in the seeded epoch order, window offsets drawn per step), each
 * caption replaced by "" with probability {@code conditionDropout} (per example) so classifier-free guidance
 * has an unconditional model to subtract; the window goes through the model's pattern
 * ({@code toSequence}); the input is steps 0…S−2 and the target steps 1…S−1 (the output at step s predicts
 * step s+1); the cross-entropy of each codebook is averaged over its valid slots only (the pattern's
 * {@code validMask}), and the loss is the mean over the K codebooks. Reported: "loss" and "ce0" … "ce{K−1}"
 * (nats). Validation: the same NLL per codebook on the validation segments' first windows with their real
 * captions, in eval mode.
 *
 * <p>An LM with a beat input ({@code LmConfig.beat}) also gets each window's {@link BeatClock}: the tempo of
 * its track ({@link Segment#bpm()}), beat 1 at the start of the track, so the clock runs on from the segment's
 * and the window's offset. A window whose track has no known tempo gets none, and so does one in
 * {@code conditionDropout} of the others (drawn apart from the caption's), so the LM also plays when a prompt
 * names no tempo; validation keeps every known clock.
 *
 * <p>With {@code contextNoise} a share of each window's input codes is replaced by random ones ({@link
 * ContextNoise}); the targets and the validation stay clean, so validation NLL stays comparable across runs.
 */
public final class LmTrainer extends Trainer {

    private static final long PURPOSE_WINDOWS = 21;
    private static final long PURPOSE_NOISE = 22;

    private final LmTrainingConfig config;
    private final List<Segment> train;
    private final List<Segment> validation;
    private final List<int[][]> trainCodes;
    private final List<int[][]> validationCodes;
    private final boolean codesReused;
    private final int frames;
    private final DataOrder order;
    private final CodebookPattern pattern;
    private final int cardinality;
    /** Whether the LM has a beat input to feed ({@code LmConfig.beat}). */
    private final boolean beatInput;

    private LmTrainer(MusicModel model, boolean owns, LmTrainingConfig config, List<Segment> train,
            List<Segment> validation, Path runDir, RunDescription description, Restored restored) throws IOException {
        super(model, owns, config, runDir, description, trainable(model, config.freezeTextEncoder()), List.of(), restored);
        this.config = config;
        this.train = List.copyOf(train);
        this.validation = List.copyOf(validation);
        Path cacheDir = runDir.resolve("codes");
        CodesCache.Result t = CodesCache.load(cacheDir, model.codec(), train);
        CodesCache.Result v = validation.isEmpty() ? new CodesCache.Result(List.of(), null, true)
                : CodesCache.load(cacheDir, model.codec(), validation);
        this.trainCodes = t.codes();
        this.validationCodes = v.codes();
        this.codesReused = t.reused() && v.reused();
        int shortest = Integer.MAX_VALUE;
        for (int[][] c : trainCodes) {
            shortest = Math.min(shortest, c[0].length);
        }
        for (int[][] c : validationCodes) {
            shortest = Math.min(shortest, c[0].length);
        }
        this.frames = Math.min(config.frames(), shortest);
        if (frames < 1) {
            throw new IllegalArgumentException("segments too short: they hold no complete code frame");
        }
        this.pattern = model.pattern();
        this.cardinality = model.config().codebookSize();
        this.beatInput = model.config().lm() != null && model.config().lm().beat();
        if (pattern.steps(frames) - 1 > model.config().lm().maxSteps()) {
            throw new IllegalArgumentException(frames + " frames need " + (pattern.steps(frames) - 1)
                    + " steps; the LM's context is " + model.config().lm().maxSteps());
        }
        this.order = new DataOrder(train.size(), config.batchSize(), config.seed());
    }

    /**
     * A new run in {@code runDir} training {@code model}'s LM and text encoder (the caller keeps ownership of
     * the model). The codes of the segments are encoded now unless {@code runDir/codes} already holds them.
     */
    public static LmTrainer start(MusicModel model, LmTrainingConfig config, List<Segment> train,
            List<Segment> validation, Path runDir, RunDescription description) throws IOException {
        if (!model.config().canGenerate()) {
            throw new IllegalArgumentException("model " + model.config().id() + " has no language model to train");
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training segments");
        }
        return new LmTrainer(model, false, config, train, validation, runDir, description, null);
    }

    /** Continues the run in {@code runDir} from its latest checkpoint (same segments, same order). */
    public static LmTrainer resume(Path runDir, List<Segment> train, List<Segment> validation, Device device)
            throws IOException {
        return resume(runDir, "lm", device, LmTrainingConfig.class, (config, r) ->
                new LmTrainer(r.model(), true, config, train, validation, runDir, r.state().description(), r));
    }

    @Override
    public String kind() {
        return "lm";
    }

    public LmTrainingConfig config() {
        return config;
    }

    /** Whether the codes came from the cache (true on a second run over the same codec and segments). */
    public boolean codesReused() {
        return codesReused;
    }

    /** Frames per training window. */
    public int frames() {
        return frames;
    }

    @Override
    protected DataOrder dataOrder() {
        return order;
    }

    @Override
    protected Map<String, NDArray> forwardBackward(NDManager scope, int s, Backprop backprop,
            Map<String, Double> extra) {
        Random random = new Random(stepSeed(s, PURPOSE_WINDOWS));
        int[] batch = order.batch(s);
        List<int[][]> windows = new ArrayList<>(batch.length);
        List<String> captions = new ArrayList<>(batch.length);
        List<float[]> beats = beatInput ? new ArrayList<>(batch.length) : null;
        for (int i : batch) {
            int[][] codes = trainCodes.get(i);
            int available = codes[0].length;
            int start = available > frames ? random.nextInt(available - frames + 1) : 0;
            windows.add(window(codes, start));
            String caption = train.get(i).caption() == null ? "" : train.get(i).caption();
            captions.add(random.nextDouble() < config.conditionDropout() ? "" : caption);
            if (beatInput) {
                boolean dropped = random.nextDouble() < config.conditionDropout();
                beats.add(dropped ? null : clock(train.get(i), start, frames));
            }
        }
        ContextNoise noise = config.contextNoise() > 0
                ? new ContextNoise(config.contextNoise(), new Random(stepSeed(s, PURPOSE_NOISE))) : null;
        NDArray perCodebook = crossEntropy(scope, windows, captions, beats, noise, true);
        NDArray loss = perCodebook.mean();
        backprop.backward(loss);
        Map<String, NDArray> reported = new LinkedHashMap<>();
        reported.put("loss", loss);
        for (int k = 0; k < pattern.numCodebooks(); k++) {
            reported.put("ce" + k, perCodebook.get(k));
        }
        return reported;
    }

    /** Cross-entropy per codebook [K] over the valid slots of the windows (nats); beats null without a beat input. */
    private NDArray crossEntropy(NDManager scope, List<int[][]> windows, List<String> captions, List<float[]> beats,
            ContextNoise noise, boolean training) {
        return TeacherForcedNll.perCodebook(model, parameterStore, scope, windows, captions, beats, noise, training);
    }

    /**
     * The beat clock of a window of {@code windowFrames} frames starting {@code start} frames into the
     * segment, or null when its track's tempo is unknown.
     */
    float[] clock(Segment segment, int start, int windowFrames) {
        if (!segment.hasTempo()) {
            return null;
        }
        double frameRate = model.codec().frameRate();
        int firstFrame = (int) Math.round(segment.startSeconds() * frameRate) + start;
        return new BeatClock(segment.bpm(), frameRate).features(pattern, firstFrame, 0,
                TeacherForcedNll.beatSteps(pattern, windowFrames));
    }

    private int[][] window(int[][] codes, int start) {
        int[][] w = new int[codes.length][];
        for (int q = 0; q < codes.length; q++) {
            w[q] = java.util.Arrays.copyOfRange(codes[q], start, start + frames);
        }
        return w;
    }

    @Override
    protected Map<String, Double> measureValidation() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (validation.isEmpty()) {
            m.put("loss", Double.NaN);
            return m;
        }
        int k = pattern.numCodebooks();
        double[] nll = ValidationBatches.means(validation.size(), config.batchSize(), parameterStore.getManager(),
                (sub, from, to) -> {
                    List<int[][]> windows = new ArrayList<>();
                    List<String> captions = new ArrayList<>();
                    List<float[]> beats = beatInput ? new ArrayList<>() : null;
                    for (int i = from; i < to; i++) {
                        windows.add(window(validationCodes.get(i), 0));
                        captions.add(validation.get(i).caption() == null ? "" : validation.get(i).caption());
                        if (beatInput) {
                            beats.add(clock(validation.get(i), 0, frames));
                        }
                    }
                    return crossEntropy(sub, windows, captions, beats, null, false).toFloatArray();
                });
        double mean = 0;
        for (int q = 0; q < k; q++) {
            m.put("nll" + q, nll[q]);
            mean += nll[q] / k;
        }
        m.put("loss", mean);
        return m;
    }

    static Map<String, Parameter> trainable(MusicModel model, boolean freezeTextEncoder) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        add(out, "lm.", model.lm());
        for (Pair<String, Parameter> p : model.text().encoder().getParameters()) {
            boolean projection = p.getKey().startsWith("output.");
            if (!freezeTextEncoder || projection) {
                if (p.getValue().requiresGradient()) {
                    out.put("text." + p.getKey(), p.getValue());
                }
            } else {
                p.getValue().freeze(true); // no gradient is computed or kept for it
            }
        }
        return out;
    }

    private static void add(Map<String, Parameter> out, String prefix, Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.put(prefix + p.getKey(), p.getValue());
            }
        }
    }
}
