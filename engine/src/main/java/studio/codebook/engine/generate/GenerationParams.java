package studio.codebook.engine.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to generate and how to sample it. Immutable; stored in every clip's JSON sidecar so the clip can
 * be made again.
 *
 * @param prompt the text; empty = unconditional
 * @param negativePrompt replaces the empty text of the unconditional pass of classifier-free guidance
 *     (steers away from it); empty = plain guidance
 * @param durationSeconds length of the new audio (after any continued audio)
 * @param topK sample among the k most likely codes (0 = no limit); MusicGen's default is 250
 * @param topP nucleus sampling: the smallest set of codes whose probability reaches p (0 = off; when set,
 *     it takes precedence over top-k, as in audiocraft)
 * @param temperature divides the logits (1 = as trained; lower = safer, higher = wilder)
 * @param cfgScale classifier-free guidance: logits = uncond + scale · (cond − uncond); 1 = no guidance
 *     (no unconditional pass is run), MusicGen's default is 3
 * @param seed the random seed of variant 0; variant i uses seed + i
 * @param variants how many clips to make from the prompt (1–8), generated together in one batch
 * @param windowSeconds the longest stretch the language model reads at once: a longer clip is made in windows
 *     of this length, each continuing from the last {@link Generator#KEEP_FRACTION} of the one before
 *     ({@link Generator}); 0 = as long as the LM was trained on (or its context holds). Shorter windows bring
 *     the prompt back more often; longer ones remember more. Absent in sidecars written before it = 0
 */
public record GenerationParams(
        String prompt,
        String negativePrompt,
        double durationSeconds,
        int topK,
        double topP,
        double temperature,
        double cfgScale,
        long seed,
        int variants,
        double windowSeconds) {

    public static final double MAX_DURATION_SECONDS = 600;
    /** The shortest window: below half a second too little is kept to carry a window into the next. */
    public static final double MIN_WINDOW_SECONDS = 0.5;
    public static final int MAX_VARIANTS = 8;

    @JsonCreator
    public GenerationParams(
            @JsonProperty("prompt") String prompt,
            @JsonProperty("negativePrompt") String negativePrompt,
            @JsonProperty("durationSeconds") double durationSeconds,
            @JsonProperty("topK") int topK,
            @JsonProperty("topP") double topP,
            @JsonProperty("temperature") double temperature,
            @JsonProperty("cfgScale") double cfgScale,
            @JsonProperty("seed") long seed,
            @JsonProperty("variants") int variants,
            @JsonProperty("windowSeconds") double windowSeconds) {
        if (!(durationSeconds > 0 && durationSeconds <= MAX_DURATION_SECONDS)) {
            throw new IllegalArgumentException("duration must be more than 0 and at most " + (int) MAX_DURATION_SECONDS
                    + " seconds, not " + durationSeconds);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (no limit) or positive, not " + topK);
        }
        if (!(topP >= 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be between 0 and 1, not " + topP);
        }
        if (!(temperature > 0 && temperature <= 10)) {
            throw new IllegalArgumentException("temperature must be more than 0 and at most 10, not " + temperature);
        }
        if (!(cfgScale >= 0 && cfgScale <= 30)) {
            throw new IllegalArgumentException("guidance scale must be between 0 and 30, not " + cfgScale);
        }
        if (variants < 1 || variants > MAX_VARIANTS) {
            throw new IllegalArgumentException("variants must be 1.." + MAX_VARIANTS + ", not " + variants);
        }
        if (!(windowSeconds == 0 || windowSeconds >= MIN_WINDOW_SECONDS && windowSeconds <= MAX_DURATION_SECONDS)) {
            throw new IllegalArgumentException("window must be 0 (as the model was trained) or " + MIN_WINDOW_SECONDS
                    + " to " + (int) MAX_DURATION_SECONDS + " seconds, not " + windowSeconds);
        }
        this.prompt = prompt == null ? "" : prompt;
        this.negativePrompt = negativePrompt == null ? "" : negativePrompt;
        this.durationSeconds = durationSeconds;
        this.topK = topK;
        this.topP = topP;
        this.temperature = temperature;
        this.cfgScale = cfgScale;
        this.seed = seed;
        this.variants = variants;
        this.windowSeconds = windowSeconds;
    }

    /**
     * The default sampling temperature: 0.7, not MusicGen's 1. Measured on the bundled model (2026-11-26, the
     * same prompts and seeds, 68 seen-pair and 90 held-out-pair prompts): lead adherence 0.50 → 0.65 and
     * 0.47 → 0.54, genre 0.76 → 0.81 and 0.44 → 0.42, Fréchet distance 563 → 449; a small LM's tail of
     * unlikely codes costs more than the variety it adds.
     */
    public static final double DEFAULT_TEMPERATURE = 0.7;

    /**
     * The default window: 1.5 s, not the 5 s the bundled model's LM was trained on. Measured on the bundled
     * model (2026-11-26, "energetic techno with a saw lead, 128 BPM", 10-s clips, 24 seeds × 4 variants): heard
     * as techno with a saw lead in 22 of 96 clips against 2 of 96 in 5-s windows, and the saw heard in the
     * 2.5-s pieces 5–10 s into a clip 65 times against 24. In long windows the LM's own samples wash the
     * prompted lead out within seconds; a short window keeps 0.6 s of them and lets the prompt bring the lead
     * back. The tempo holds (within 5 % of the prompt's in 67 of 96 either way); 2-s windows kept less of it
     * (52 of 96) and 1-s windows lost the beat (13 of 48).
     */
    public static final double DEFAULT_WINDOW_SECONDS = 1.5;

    /**
     * The default guidance scale: 2, not MusicGen's 3. Measured on the bundled model in its default 1.5-s windows
     * (2026-11-27): "energetic techno with a saw lead, 128 BPM", 10-s clips, 24 seeds × 4 variants, heard as techno
     * with a saw lead in 39 of 96 clips against 25 at 3 (32 at 1.5, 31 at 1 = no guidance, 4 at 5), and within 5 %
     * of 128 BPM in 84 against 67; on the 90 held-out-pair prompts (5 s) lead adherence 0.63 against 0.57, genre
     * 0.61 against 0.59, tempo within 5 % on 24 of 52 against 19. Each short window starts from little context,
     * where the prompt's pull is strongest; a large scale overshoots there and the next window inherits it.
     */
    public static final double DEFAULT_CFG_SCALE = 2.0;

    /** The default clip length: 10 s, MusicGen's. */
    public static final double DEFAULT_DURATION_SECONDS = 10;

    /** The default top-k: 250, MusicGen's. */
    public static final int DEFAULT_TOP_K = 250;

    /**
     * Defaults for a prompt: {@link #DEFAULT_DURATION_SECONDS}, {@link #DEFAULT_TOP_K}, no top-p,
     * {@link #DEFAULT_TEMPERATURE}, {@link #DEFAULT_CFG_SCALE}, 1 variant, {@link #DEFAULT_WINDOW_SECONDS}.
     */
    public static GenerationParams defaults(String prompt, long seed) {
        return new GenerationParams(prompt, "", DEFAULT_DURATION_SECONDS, DEFAULT_TOP_K, 0, DEFAULT_TEMPERATURE,
                DEFAULT_CFG_SCALE, seed, 1, DEFAULT_WINDOW_SECONDS);
    }

    /** Whether an unconditional pass is needed. */
    public boolean guided() {
        return cfgScale != 1.0;
    }

    public GenerationParams withDuration(double seconds) {
        return new GenerationParams(prompt, negativePrompt, seconds, topK, topP, temperature, cfgScale, seed, variants,
                windowSeconds);
    }

    public GenerationParams withSeed(long newSeed) {
        return new GenerationParams(prompt, negativePrompt, durationSeconds, topK, topP, temperature, cfgScale, newSeed,
                variants, windowSeconds);
    }

    public GenerationParams withVariants(int n) {
        return new GenerationParams(prompt, negativePrompt, durationSeconds, topK, topP, temperature, cfgScale, seed, n,
                windowSeconds);
    }

    public GenerationParams withCfgScale(double scale) {
        return new GenerationParams(prompt, negativePrompt, durationSeconds, topK, topP, temperature, scale, seed,
                variants, windowSeconds);
    }

    public GenerationParams withSampling(int k, double p, double t) {
        return new GenerationParams(prompt, negativePrompt, durationSeconds, k, p, t, cfgScale, seed, variants,
                windowSeconds);
    }

    /** How a window reads in reports and logs: "as trained" for 0, else "1.5 s". */
    public static String describeWindow(double seconds) {
        return seconds == 0 ? "as trained" : seconds + " s";
    }

    /** These settings with windows of {@code seconds} (0 = the model's own). */
    public GenerationParams withWindow(double seconds) {
        return new GenerationParams(prompt, negativePrompt, durationSeconds, topK, topP, temperature, cfgScale, seed,
                variants, seconds);
    }
}
