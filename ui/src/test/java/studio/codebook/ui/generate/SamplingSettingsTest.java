package studio.codebook.ui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.ui.common.StudioSettings;

class SamplingSettingsTest {

    /** Seeds 11, 22, 33, … in turn. */
    private final PrimitiveIterator.OfLong seeds = LongStream.iterate(11, s -> s + 11).iterator();
    private final SamplingSettings settings = new SamplingSettings(seeds::nextLong);

    @Test
    void startsAtMusicGensTopKWithTheMeasuredTemperatureGuidanceAndWindowAndADrawnSeed() {
        GenerationParams p = settings.params("jazz", "");
        assertEquals(new GenerationParams("jazz", "", 10, 250, 0, 0.7, 2, 11, 1, 1.5), p);
        assertEquals(GenerationParams.defaults("jazz", 11), p, "the same defaults as the command line's");
    }

    @Test
    void theDiceDrawsANewSeedAndTheLockKeepsItForTheNextRun() {
        settings.rollSeed();
        assertEquals(22, settings.seedProperty().get());

        settings.seedLockedProperty().set(true);
        settings.drawSeedUnlessLocked();
        assertEquals(22, settings.seedProperty().get(), "a locked seed is reused");
        settings.rollSeed();
        assertEquals(33, settings.seedProperty().get(), "the dice works while locked");

        settings.seedLockedProperty().set(false);
        settings.drawSeedUnlessLocked();
        assertEquals(44, settings.seedProperty().get(), "an unlocked seed is drawn afresh for each run");
        assertEquals(44, settings.params("x", "").seed(), "the run uses the seed the field shows");
    }

    @Test
    void paramsCarryEverySettingAndKeepTheVariantCountInRange() {
        settings.durationSecondsProperty().set(4.5);
        settings.topKProperty().set(50);
        settings.topPProperty().set(0.9);
        settings.temperatureProperty().set(0.7);
        settings.cfgScaleProperty().set(2.5);
        settings.seedProperty().set(1234);
        settings.variantCountProperty().set(3);
        settings.windowSecondsProperty().set(2);
        assertEquals(new GenerationParams("piano, in D minor", "drums", 4.5, 50, 0.9, 0.7, 2.5, 1234, 3, 2),
                settings.params("piano, in D minor", "drums"));

        settings.variantCountProperty().set(0);
        assertEquals(1, settings.params("x", "").variants());
        settings.variantCountProperty().set(9);
        assertEquals(SamplingSettings.MAX_VARIANTS, settings.params("x", "").variants());
    }

    @Test
    void aSettingOutOfRangeIsRefusedWithASentence() {
        settings.topKProperty().set(-1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.params("x", ""));
        assertEquals("Top-k must be 0 (no limit) or positive, not -1", e.getMessage());

        settings.topKProperty().set(0);
        settings.temperatureProperty().set(0);
        e = assertThrows(IllegalArgumentException.class, () -> settings.params("x", ""));
        assertTrue(e.getMessage().startsWith("Temperature must be more than 0"), e.getMessage());

        settings.temperatureProperty().set(1);
        settings.durationSecondsProperty().set(0);
        e = assertThrows(IllegalArgumentException.class, () -> settings.params("x", ""));
        assertTrue(e.getMessage().startsWith("Duration must be more than 0"), e.getMessage());
    }

    @Test
    void loadTakesAClipsSettingsWithItsOwnSeedLockedAndOneVariant() {
        settings.variantCountProperty().set(4);
        GenerationParams stored = new GenerationParams("rock", "", 6, 100, 0.5, 1.2, 4, 500, 3, 1.5);
        settings.load(stored, 502); // variant 3 of that run
        assertEquals(502, settings.seedProperty().get());
        assertTrue(settings.seedLockedProperty().get());
        assertEquals(stored.withSeed(502).withVariants(1), settings.params("rock", ""));
        settings.drawSeedUnlessLocked();
        assertEquals(502, settings.seedProperty().get(), "the loaded seed survives the next run");
    }

    @Test
    void remembersEverythingButTheSeedAndGoesBackToTheDefaults() {
        int[] changes = {0};
        settings.addListener(o -> changes[0]++);
        settings.seedProperty().set(77);
        settings.seedLockedProperty().set(true);
        assertEquals(0, changes[0], "the seed is not a remembered setting");

        StudioSettings.Sampling mine = new StudioSettings.Sampling(6, 100, 0.9, 0.9, 2.5, 0, 3);
        settings.restore(mine);
        assertEquals(mine, settings.chosen());
        assertTrue(changes[0] >= 1, "a restored setting is reported");
        assertEquals(new GenerationParams("x", "", 6, 100, 0.9, 0.9, 2.5, 77, 3, 0), settings.params("x", ""),
                "the seed and its lock stay");

        settings.resetToDefaults();
        assertEquals(StudioSettings.Sampling.DEFAULTS, settings.chosen());
        assertEquals(GenerationParams.defaults("x", 77), settings.params("x", ""));
        assertTrue(settings.seedLockedProperty().get());
    }
}
