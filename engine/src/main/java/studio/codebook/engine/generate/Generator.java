package studio.codebook.engine.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.CancellationException;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.lm.BeatClock;
import studio.codebook.engine.lm.LmSession;
import studio.codebook.engine.lm.TransformerLm;
import studio.codebook.engine.pattern.CodebookPattern;
import studio.codebook.engine.text.PromptTempo;
import studio.codebook.engine.text.TextConditioner;
import studio.codebook.engine.text.TextStates;

/**
 * Makes music from a prompt: the language model fills the codebook pattern's steps one by one, all
 * variants (and, with guidance, their unconditional twins) in one batch; the codec decodes the codes.
 *
 * <p><b>Steps.</b> At step s the model has seen steps 0..s−1 and predicts the K slots of step s; a slot
 * that holds no code under the pattern gets the special token, a slot whose frame belongs to continued
 * audio gets that audio's code (teacher forcing), the others are sampled. Steps whose slots are all known
 * are fed in one {@link LmSession#prefill} call.
 *
 * <p><b>Guidance.</b> With a scale other than 1 the batch holds the prompt rows and, below them, the same
 * number of rows for the negative prompt (the empty text when there is none); the logits used are
 * uncond + scale · (cond − uncond). At scale 1 only the prompt rows run.
 *
 * <p><b>Long clips.</b> When the clip needs more frames than a window holds (the model's context, or the
 * window its LM was trained on when that is shorter: positions past it were never trained, and a clip
 * drifts there; or the shorter window the parameters ask for, {@link GenerationParams#windowSeconds()}),
 * generation runs in windows, as audiocraft's {@code extend}: each new window starts a
 * fresh context whose first {@link #KEEP_FRACTION} of frames are the last frames generated so far, teacher-forced, and continues
 * after them. There is no seam to hide in the audio: the codes of all windows form one continuous code
 * sequence (the kept frames are the same codes, not regenerated ones) and the final audio is decoded from
 * the whole sequence at once; the only join is in what the model remembers, which the kept frames bridge.
 *
 * <p><b>Streaming.</b> When the listener wants audio, frames that the pattern has completed (all K codes
 * known) are decoded every {@link #STREAM_CHUNK_FRAMES} frames, with {@link #STREAM_CONTEXT_FRAMES} frames
 * of left context, and delivered in order. The final clip is decoded whole, so it can differ from the
 * streamed chunks in the last bits near chunk joins (the decoder's LSTM sees more context).
 *
 * <p><b>Randomness.</b> Variant i samples with its own {@link Random} seeded with seed + i, so the same
 * seed, parameters and model give the same codes; a variant can be made again alone with its own seed
 * (up to floating-point differences between batch sizes).
 */
public final class Generator {

    /** Share of a window's frames carried into the next window as context. */
    public static final double KEEP_FRACTION = 0.4;
    public static final int STREAM_CHUNK_FRAMES = 25;
    public static final int STREAM_CONTEXT_FRAMES = 25;

    /** Receives the logits each sampled step used (after guidance); for tests. */
    interface LogitsProbe {
        void logits(int step, float[] guided);
    }

    private final CompressionModel codec;
    private final TextConditioner text;
    private final TransformerLm lm;
    private final CodebookPattern pattern;
    private final NDManager manager;
    private final int windowFrames;
    private LogitsProbe probe;
    private boolean alwaysRunUnconditional;

    /**
     * @param windowFrames the longest window in frames (the LM's training length), or 0 for as many as its
     *     context holds
     */
    public Generator(CompressionModel codec, TextConditioner text, TransformerLm lm, CodebookPattern pattern,
            NDManager manager, int windowFrames) {
        if (pattern.numCodebooks() != codec.numCodebooks() || lm.config().codebooks() != codec.numCodebooks()) {
            throw new IllegalArgumentException("codec, pattern and language model disagree on the number of codebooks");
        }
        if (lm.config().cardinality() != codec.codebookSize()) {
            throw new IllegalArgumentException("the language model's vocabulary (" + lm.config().cardinality()
                    + ") differs from the codebook size (" + codec.codebookSize() + ")");
        }
        this.codec = codec;
        this.text = text;
        this.lm = lm;
        this.pattern = pattern;
        this.manager = manager;
        if (windowFrames < 0) {
            throw new IllegalArgumentException("window of " + windowFrames + " frames");
        }
        this.windowFrames = windowFrames;
    }

    void setProbe(LogitsProbe probe, boolean alwaysRunUnconditional) {
        this.probe = probe;
        this.alwaysRunUnconditional = alwaysRunUnconditional;
    }

    /**
     * Generates {@code params.variants()} clips.
     *
     * @param continuation audio to continue (any rate and channel count), or null; it is encoded and its
     *     codes are forced at the start of every variant, and it stays at the start of the output
     * @throws CancellationException when the listener asked to stop
     */
    public GenerationResult generate(GenerationParams params, AudioClip continuation, GenerationListener listener) {
        long start = System.nanoTime();
        int k = codec.numCodebooks();
        int variants = params.variants();
        int[][] promptCodes = continuation == null ? new int[k][0] : codec.encode(continuation).codes();
        int promptFrames = promptCodes[0].length;
        int newFrames = Math.max(1, (int) Math.round(params.durationSeconds() * codec.frameRate()));
        int totalFrames = promptFrames + newFrames;
        int[][][] codes = new int[variants][k][totalFrames];
        for (int v = 0; v < variants; v++) {
            for (int q = 0; q < k; q++) {
                System.arraycopy(promptCodes[q], 0, codes[v][q], 0, promptFrames);
            }
        }
        List<Window> windows = plan(promptFrames, totalFrames, windowFrames(params));
        int totalSteps = windows.stream().mapToInt(w -> w.steps).sum();
        Random[] randoms = new Random[variants];
        for (int v = 0; v < variants; v++) {
            randoms[v] = new Random(params.seed() + v);
        }
        boolean twoPasses = params.guided() || alwaysRunUnconditional;
        StreamingDecoder streaming = listener.wantsAudio() ? new StreamingDecoder(codec, listener, variants) : null;

        double textMillis;
        long lmStart;
        List<String> warnings = new ArrayList<>();
        int stepsDone = 0;
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            List<String> texts = new ArrayList<>(Collections.nCopies(variants, params.prompt()));
            if (twoPasses) {
                texts.addAll(Collections.nCopies(variants, params.negativePrompt()));
            }
            TextStates states = text.encode(ps, scope, texts);
            states.warnings().stream().filter(w -> !w.isEmpty()).distinct().forEach(warnings::add);
            textMillis = (System.nanoTime() - start) / 1e6;
            lmStart = System.nanoTime();
            CodeSampler sampler = new CodeSampler(codec.codebookSize(), params.topK(), params.topP(),
                    params.temperature());
            BeatClock clock = beatClock(params.prompt());
            for (Window w : windows) {
                stepsDone = runWindow(w, codes, ps, states, clock, twoPasses, params.cfgScale(), sampler, randoms,
                        listener, streaming, stepsDone, totalSteps, totalFrames, start);
            }
        }
        double lmMillis = (System.nanoTime() - lmStart) / 1e6;
        if (streaming != null) {
            streaming.finish(codes, totalFrames);
        }
        long decodeStart = System.nanoTime();
        List<GeneratedClip> clips = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            Codes c = new Codes(codes[v], codec.codebookSize(), codec.frameRate());
            clips.add(new GeneratedClip(v, params.seed() + v, c, promptFrames, codec.decode(c, k)));
        }
        double decodeMillis = (System.nanoTime() - decodeStart) / 1e6;
        return new GenerationResult(clips, stepsDone, textMillis, lmMillis, decodeMillis, warnings);
    }

    /**
     * The metronome of an LM with a beat input ({@link studio.codebook.engine.lm.LmConfig#beat()}): the tempo
     * the prompt names, beat 1 at the clip's first frame. Null when the LM has no beat input or the prompt
     * names no tempo (the LM then plays without one, as it was trained to part of the time).
     */
    BeatClock beatClock(String prompt) {
        if (!lm.config().beat()) {
            return null;
        }
        OptionalDouble bpm = PromptTempo.bpm(prompt);
        return bpm.isPresent() ? new BeatClock(bpm.getAsDouble(), codec.frameRate()) : null;
    }

    /** A window of frames [start, end) whose frames before {@code known} are given. */
    record Window(int start, int end, int known, int steps) {}

    /** The window {@code params} ask for in frames, or 0 for the model's own. */
    int windowFrames(GenerationParams params) {
        return params.windowSeconds() > 0 ? Math.max(2, (int) Math.round(params.windowSeconds() * codec.frameRate()))
                : 0;
    }

    /**
     * The windows a clip of {@code totalFrames} needs, the first {@code promptFrames} of them given, each at most
     * {@code requestedFrames} long (0 = as long as the LM was trained on, or its context holds; never longer than
     * either).
     */
    List<Window> plan(int promptFrames, int totalFrames, int requestedFrames) {
        int contextFrames = pattern.frames(lm.config().maxSteps());
        int capacityFrames = windowFrames > 0 ? Math.min(contextFrames, windowFrames) : contextFrames;
        if (requestedFrames > 0) {
            capacityFrames = Math.min(capacityFrames, requestedFrames);
        }
        if (capacityFrames < 2) {
            throw new IllegalStateException("the language model's context is too short to generate anything");
        }
        int keep = Math.max(1, (int) Math.round(capacityFrames * KEEP_FRACTION));
        List<Window> windows = new ArrayList<>();
        int known = promptFrames;
        boolean first = true;
        while (known < totalFrames) {
            int start = first && known < capacityFrames ? 0 : known - Math.min(known, keep);
            int end = Math.min(totalFrames, start + capacityFrames);
            windows.add(new Window(start, end, known, stepsToSample(end - start, known - start)));
            known = end;
            first = false;
        }
        return windows;
    }

    /** LM calls a window takes: one prefill plus one step per sampled step after the first. */
    private int stepsToSample(int frames, int knownFrames) {
        return pattern.steps(frames) - firstOpenStep(frames, knownFrames);
    }

    /** The first step with a slot to sample. */
    private int firstOpenStep(int frames, int knownFrames) {
        int steps = pattern.steps(frames);
        for (int s = 1; s < steps; s++) {
            for (int q = 0; q < pattern.numCodebooks(); q++) {
                if (pattern.frameAt(s, q, frames) >= knownFrames) {
                    return s;
                }
            }
        }
        return steps;
    }

    private int runWindow(Window w, int[][][] codes, ParameterStore ps, TextStates states, BeatClock clock,
            boolean twoPasses, double scale, CodeSampler sampler, Random[] randoms, GenerationListener listener,
            StreamingDecoder streaming, int stepsDone, int totalSteps, int totalFrames, long start) {
        int k = pattern.numCodebooks();
        int variants = codes.length;
        int rows = twoPasses ? 2 * variants : variants;
        int frames = w.end - w.start;
        int knownLocal = w.known - w.start;
        int steps = pattern.steps(frames);
        int special = codec.codebookSize();
        int card = codec.codebookSize();
        // tokens[v][q][s]: the token at each step of the window
        int[][][] tokens = new int[variants][k][steps];
        for (int v = 0; v < variants; v++) {
            for (int q = 0; q < k; q++) {
                for (int s = 0; s < steps; s++) {
                    int t = pattern.frameAt(s, q, frames);
                    tokens[v][q][s] = t < 0 ? special : t < knownLocal ? codes[v][q][w.start + t] : -1;
                }
            }
        }
        int open = firstOpenStep(frames, knownLocal);
        if (open >= steps) {
            return stepsDone;
        }
        float[] guided = new float[k * card];
        int done = stepsDone;
        // the clock runs on from the window's first frame, so every window keeps the clip's beat
        float[] beat = clock == null ? null : clock.features(pattern, w.start, 0, steps);
        try (LmSession session = lm.startSession(ps, states.states(), states.mask(), steps, beat)) {
            float[] logits;
            try (NDManager stepScope = manager.newSubManager()) {
                NDArray prefix = stepScope.create(flatten(tokens, 0, open, rows), new Shape(rows, k, open));
                logits = session.prefill(stepScope, prefix).toFloatArray();
            }
            for (int s = open; s < steps; s++) {
                if (listener.cancelled()) {
                    throw new CancellationException("generation cancelled");
                }
                for (int v = 0; v < variants; v++) {
                    guide(logits, v, twoPasses ? v + variants : -1, scale, k, card, guided);
                    if (probe != null && v == 0) {
                        probe.logits(s, guided.clone());
                    }
                    for (int q = 0; q < k; q++) {
                        if (tokens[v][q][s] == -1) {
                            int code = sampler.sample(guided, q * card, randoms[v]);
                            tokens[v][q][s] = code;
                            codes[v][q][w.start + pattern.frameAt(s, q, frames)] = code;
                        }
                    }
                }
                done++;
                int complete = w.start + Math.min(frames, pattern.completeFrames(s + 1));
                if (streaming != null) {
                    streaming.advance(codes, complete);
                }
                listener.progress(new GenerationProgress(done, totalSteps, complete, totalFrames,
                        System.nanoTime() - start));
                if (s + 1 < steps) {
                    try (NDManager stepScope = manager.newSubManager()) {
                        NDArray next = stepScope.create(flatten(tokens, s, s + 1, rows), new Shape(rows, k, 1));
                        logits = session.step(stepScope, next).toFloatArray();
                    }
                }
            }
        }
        return done;
    }

    /** The guided logits of variant v (rows v and u of the batch) into {@code out} [K × card]. */
    static void guide(float[] logits, int v, int u, double scale, int k, int card, float[] out) {
        int rowSize = k * card;
        int c0 = v * rowSize;
        if (u < 0) {
            System.arraycopy(logits, c0, out, 0, rowSize);
            return;
        }
        int u0 = u * rowSize;
        float f = (float) scale;
        for (int i = 0; i < rowSize; i++) {
            float uncond = logits[u0 + i];
            out[i] = uncond + f * (logits[c0 + i] - uncond);
        }
    }

    /** Tokens of steps [from, to) as int64 [rows, K, to − from]; rows past the variants repeat them. */
    private static long[] flatten(int[][][] tokens, int from, int to, int rows) {
        int variants = tokens.length;
        int k = tokens[0].length;
        int n = to - from;
        long[] out = new long[rows * k * n];
        int i = 0;
        for (int r = 0; r < rows; r++) {
            int[][] v = tokens[r % variants];
            for (int q = 0; q < k; q++) {
                for (int s = from; s < to; s++) {
                    out[i++] = v[q][s];
                }
            }
        }
        return out;
    }
}
