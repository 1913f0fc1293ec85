package studio.codebook.ui.generate;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.ui.common.StudioSettings;

/**
 * How the next run samples: seconds of new audio, top-k, top-p, temperature, guidance scale, window, the seed
 * (with its lock and the dice) and how many variants. The engine's {@link GenerationParams} checks the values;
 * {@link #params} turns them into the run's parameters or a message the user can act on. Starts at
 * the engine's defaults ({@link GenerationParams#defaults}) with a random seed; the studio restores what the user
 * set last ({@link #restore}, {@link #chosen}, {@link #addListener}).
 */
public final class SamplingSettings {

    public static final int MAX_VARIANTS = StudioSettings.Sampling.MAX_VARIANTS;

    private final LongSupplier seeds;
    private final DoubleProperty durationSeconds = new SimpleDoubleProperty(this, "durationSeconds",
            GenerationParams.DEFAULT_DURATION_SECONDS);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", GenerationParams.DEFAULT_TOP_K);
    private final DoubleProperty topP = new SimpleDoubleProperty(this, "topP", 0);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature",
            GenerationParams.DEFAULT_TEMPERATURE);
    private final DoubleProperty cfgScale = new SimpleDoubleProperty(this, "cfgScale",
            GenerationParams.DEFAULT_CFG_SCALE);
    private final DoubleProperty windowSeconds = new SimpleDoubleProperty(this, "windowSeconds",
            GenerationParams.DEFAULT_WINDOW_SECONDS);
    private final LongProperty seed;
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(this, "seedLocked", false);
    private final IntegerProperty variantCount = new SimpleIntegerProperty(this, "variantCount", 1);

    public SamplingSettings() {
        this(() -> ThreadLocalRandom.current().nextLong(1L << 32));
    }

    /** @param seeds where the dice and unlocked runs draw seeds from (tests pass a fixed sequence) */
    SamplingSettings(LongSupplier seeds) {
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.seed = new SimpleLongProperty(this, "seed", seeds.getAsLong());
    }

    /** Seconds of new audio. */
    public DoubleProperty durationSecondsProperty() {
        return durationSeconds;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public DoubleProperty cfgScaleProperty() {
        return cfgScale;
    }

    /** Seconds the language model reads at once (0 = as long as it was trained on). */
    public DoubleProperty windowSecondsProperty() {
        return windowSeconds;
    }

    /** The seed of the next run (of variant 1; variant i uses seed + i − 1). */
    public LongProperty seedProperty() {
        return seed;
    }

    /** When false, every run draws a new seed (and shows it here); when true, runs reuse the seed. */
    public BooleanProperty seedLockedProperty() {
        return seedLocked;
    }

    /** 1 to {@value #MAX_VARIANTS}. */
    public IntegerProperty variantCountProperty() {
        return variantCount;
    }

    /** Draws a new seed into the seed field (the dice). */
    public void rollSeed() {
        seed.set(seeds.getAsLong());
    }

    /** At the start of a run: an unlocked seed is replaced by a new one, so the field shows what the run uses. */
    public void drawSeedUnlessLocked() {
        if (!seedLocked.get()) {
            rollSeed();
        }
    }

    /**
     * The run's parameters with these settings and the current seed; the variant count is kept within
     * 1..{@value #MAX_VARIANTS}.
     *
     * @param prompt the text the model reads (already composed)
     * @param negativePrompt what guidance steers away from (may be empty)
     * @throws IllegalArgumentException when a setting is out of range, with a sentence for the status line
     */
    public GenerationParams params(String prompt, String negativePrompt) {
        try {
            return new GenerationParams(prompt, negativePrompt, durationSeconds.get(), topK.get(), topP.get(),
                    temperature.get(), cfgScale.get(), seed.get(),
                    Math.max(1, Math.min(MAX_VARIANTS, variantCount.get())), windowSeconds.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalised(e.getMessage()), e);
        }
    }

    /**
     * Takes a stored clip's settings so the next run makes it again: its own seed, locked, and one variant
     * (variant 1 of a one-variant run with that seed is the clip).
     */
    public void load(GenerationParams p, long clipSeed) {
        restore(StudioSettings.Sampling.of(p));
        seed.set(clipSeed);
        seedLocked.set(true);
        variantCount.set(1);
    }

    /** Takes remembered sampling settings (the seed and its lock stay as they are). */
    public void restore(StudioSettings.Sampling remembered) {
        durationSeconds.set(remembered.durationSeconds());
        topK.set(remembered.topK());
        topP.set(remembered.topP());
        temperature.set(remembered.temperature());
        cfgScale.set(remembered.cfgScale());
        windowSeconds.set(remembered.windowSeconds());
        variantCount.set(remembered.variants());
    }

    /** Every sampling setting back to the engine's defaults (the seed and its lock stay as they are). */
    public void resetToDefaults() {
        restore(StudioSettings.Sampling.DEFAULTS);
    }

    /** The settings to remember: everything but the seed (values out of range are remembered as their default). */
    public StudioSettings.Sampling chosen() {
        return new StudioSettings.Sampling(durationSeconds.get(), topK.get(), topP.get(), temperature.get(),
                cfgScale.get(), windowSeconds.get(), variantCount.get());
    }

    /** Called whenever a setting {@link #chosen} reads changes (not the seed). */
    public void addListener(InvalidationListener listener) {
        for (Observable o : List.of(durationSeconds, topK, topP, temperature, cfgScale, windowSeconds, variantCount)) {
            o.addListener(listener);
        }
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
