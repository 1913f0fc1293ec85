package studio.codebook.engine.lm;

import ai.djl.ndarray.types.Shape;
import studio.codebook.engine.pattern.CodebookPattern;

/**
 * A metronome for the language model: the tempo a prompt asks for, turned into the phase of the beat, of the
 * bar (4 beats) and of the eighth note at every pattern step. A language model with {@link LmConfig#beat()}
 * adds a learnt projection of these {@value #FEATURES} numbers to each step's input, beside the position, so
 * that "a kick on the beat" is a rule about the current step rather than about what happened a beat ago
 * (which this project's LMs, using about 15 frames of context, never learnt; see docs/results.md).
 *
 * <p>Beat 1 of bar 1 is at frame 0 of the clip, as in the synthetic corpus. Step s of a window stands for the
 * frame whose first-codebook code it predicts ({@link #frameOfStep}): frame s under the delay and parallel
 * patterns, frame s / K under flatten. Without a tempo the features are all zero ({@link #none}); with one,
 * each cosine–sine pair lies on the unit circle, so the two are always told apart.
 *
 * @param bpm beats per minute, {@value #MIN_BPM}–{@value #MAX_BPM}
 * @param frameRate codec frames per second
 */
public record BeatClock(double bpm, double frameRate) {

    /** Numbers per step: cos and sin of the beat, the bar and the eighth-note phase. */
    public static final int FEATURES = 6;
    public static final double MIN_BPM = 30;
    public static final double MAX_BPM = 300;
    private static final int BEATS_PER_BAR = 4;

    public BeatClock {
        if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) {
            throw new IllegalArgumentException("tempo must be " + MIN_BPM + "–" + MAX_BPM + " BPM, not " + bpm);
        }
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be positive, not " + frameRate);
        }
    }

    /** The frame, possibly fractional, whose first-codebook code step {@code step} of a window predicts. */
    static double frameOfStep(CodebookPattern pattern, int step) {
        int first = pattern.stepOf(0, 0);
        int perFrame = pattern.stepOf(1, 0) - first;
        return (step + 1 - first) / (double) perFrame;
    }

    /**
     * The features of steps [fromStep, fromStep + count) of a window whose frame 0 is frame {@code firstFrame}
     * of the clip, row-major [count × {@value #FEATURES}].
     */
    public float[] features(CodebookPattern pattern, int firstFrame, int fromStep, int count) {
        float[] out = new float[count * FEATURES];
        double beatsPerFrame = bpm / 60.0 / frameRate;
        for (int i = 0; i < count; i++) {
            double beats = (firstFrame + frameOfStep(pattern, fromStep + i)) * beatsPerFrame;
            double beat = 2 * Math.PI * (beats - Math.floor(beats));
            double barBeats = beats / BEATS_PER_BAR;
            double bar = 2 * Math.PI * (barBeats - Math.floor(barBeats));
            int o = i * FEATURES;
            out[o] = (float) Math.cos(beat);
            out[o + 1] = (float) Math.sin(beat);
            out[o + 2] = (float) Math.cos(bar);
            out[o + 3] = (float) Math.sin(bar);
            out[o + 4] = (float) Math.cos(2 * beat);
            out[o + 5] = (float) Math.sin(2 * beat);
        }
        return out;
    }

    /**
     * Refuses a clock fed to an LM without the beat input, or one not shaped [B, S, {@value #FEATURES}] for
     * tokens [B, K, S]: the one check of {@link TransformerLm}'s forward and of {@link LmSession}.
     */
    static void requireInput(LmConfig config, Shape tokens, Shape clock) {
        if (!config.beat()) {
            throw new IllegalArgumentException("this LM has no beat clock input (its config says beat: false)");
        }
        if (clock.dimension() != 3 || clock.get(0) != tokens.get(0) || clock.get(1) != tokens.get(2)
                || clock.get(2) != FEATURES) {
            throw new IllegalArgumentException("LM beat clock must be [" + tokens.get(0) + ", " + tokens.get(2) + ", "
                    + FEATURES + "], got " + clock);
        }
    }

    /** The features of {@code count} steps without a tempo: all zero. */
    public static float[] none(int count) {
        return new float[count * FEATURES];
    }
}
