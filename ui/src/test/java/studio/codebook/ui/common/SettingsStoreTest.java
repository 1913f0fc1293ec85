package studio.codebook.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.generate.GenerationParams;

class SettingsStoreTest {

    @TempDir
    Path home;

    @Test
    void aMissingFileGivesTheDefaultsWithoutANotice() {
        SettingsStore store = new SettingsStore(home);
        assertEquals(StudioSettings.defaults(), store.current());
        assertTrue(store.notice().isEmpty());
        assertEquals(1280, store.current().windowWidth());
        assertEquals(StudioSettings.DEFAULT_CHIPS, store.current().presetChips());
        assertEquals(home.resolve("clips"), store.clipsFolder());
        assertEquals(home.resolve("models"), store.modelsFolder());
    }

    @Test
    void savedSettingsComeBack() throws IOException {
        SettingsStore store = new SettingsStore(home);
        store.update(s -> s.withLastModel("/models/mine").withWindowSize(1400, 900).withPromptUsed("calm piano")
                .withSampling(new StudioSettings.Sampling(20, 100, 0.9, 0.8, 4, 2, 2))
                .withDevice(StudioSettings.DEVICE_CPU).withPresetChips(List.of("a", "b")));
        store.save();
        SettingsStore again = new SettingsStore(home);
        assertEquals(store.current(), again.current());
        assertEquals("/models/mine", again.current().lastModel());
        assertEquals(2, again.current().sampling().variants());
        assertEquals(2, again.current().sampling().windowSeconds());
        assertTrue(again.notice().isEmpty());
        try (var files = Files.list(home)) {
            assertEquals(List.of(home.resolve("settings.json")), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aCorruptFileGivesTheDefaultsANoticeAndIsKeptAside() throws IOException {
        Files.writeString(home.resolve("settings.json"), "{ \"lastModel\": ");
        SettingsStore store = new SettingsStore(home);
        assertEquals(StudioSettings.defaults(), store.current());
        assertTrue(store.notice().isPresent());
        assertTrue(store.notice().get().contains("settings.json"), store.notice().get());
        assertEquals("{ \"lastModel\": ", Files.readString(home.resolve("settings.json.bad")));
        store.save();
        assertTrue(new SettingsStore(home).notice().isEmpty());
    }

    @Test
    void wrongTypesAndOutOfRangeValuesAreRepairedOrRejected() throws IOException {
        Files.writeString(home.resolve("settings.json"),
                "{\"windowWidth\": 5, \"device\": \"quantum\", \"future\": 1, \"promptHistory\": [\"\", \"x\"]}");
        StudioSettings s = new SettingsStore(home).current();
        assertEquals(1280, s.windowWidth());
        assertEquals(StudioSettings.DEVICE_AUTO, s.device());
        assertEquals(List.of("x"), s.promptHistory());
        Files.writeString(home.resolve("settings.json"), "[1, 2]");
        SettingsStore store = new SettingsStore(home);
        assertEquals(StudioSettings.defaults(), store.current());
        assertTrue(store.notice().isPresent());
    }

    @Test
    void promptHistoryIsMostRecentFirstWithoutDuplicatesAndBounded() {
        StudioSettings s = StudioSettings.defaults();
        for (int i = 0; i < StudioSettings.HISTORY_SIZE + 10; i++) {
            s = s.withPromptUsed("prompt " + i);
        }
        s = s.withPromptUsed("prompt 30").withPromptUsed("  ");
        assertEquals(StudioSettings.HISTORY_SIZE, s.promptHistory().size());
        assertEquals("prompt 30", s.promptHistory().get(0));
        assertEquals("prompt " + (StudioSettings.HISTORY_SIZE + 9), s.promptHistory().get(1));
        assertEquals(1, s.promptHistory().stream().filter("prompt 30"::equals).count());
    }

    @Test
    void theHomePropertyAndTheDataFolderSettingAreHonoured() {
        String before = System.getProperty(SettingsStore.HOME_PROPERTY);
        System.setProperty(SettingsStore.HOME_PROPERTY, home.toString());
        try {
            assertEquals(home, SettingsStore.defaultHome());
        } finally {
            if (before == null) {
                System.clearProperty(SettingsStore.HOME_PROPERTY);
            } else {
                System.setProperty(SettingsStore.HOME_PROPERTY, before);
            }
        }
        assertFalse(SettingsStore.defaultHome().equals(home));
        SettingsStore store = new SettingsStore(home);
        Path data = home.resolve("elsewhere");
        store.update(s -> s.withDataFolder(data.toString()));
        assertEquals(data.resolve("clips"), store.clipsFolder());
        store.update(s -> s.withDataFolder(""));
        assertNull(store.current().dataFolder());
    }

    @Test
    void samplingAtTheDefaultsIsStoredAsNoneAndOutOfRangeValuesTakeTheirDefault() throws IOException {
        StudioSettings s = StudioSettings.defaults();
        assertNull(s.sampling());
        assertEquals(StudioSettings.Sampling.DEFAULTS, s.samplingOrDefaults());
        assertEquals(StudioSettings.Sampling.of(GenerationParams.defaults("x", 5)), s.samplingOrDefaults());
        assertNull(s.withSampling(StudioSettings.Sampling.DEFAULTS).sampling(),
                "the defaults are not pinned: a newer studio's defaults reach users who never changed them");
        StudioSettings.Sampling mine = new StudioSettings.Sampling(8, 0, 0.95, 1, 1, 0, 4);
        assertEquals(mine, s.withSampling(mine).samplingOrDefaults());

        Files.writeString(home.resolve("settings.json"), "{\"sampling\": {\"durationSeconds\": -1, \"topK\": -5, "
                + "\"topP\": 2, \"temperature\": 0, \"cfgScale\": 99, \"windowSeconds\": 0.1, \"variants\": 9}}");
        assertNull(new SettingsStore(home).current().sampling(), "every value repaired to its default = the defaults");
        Files.writeString(home.resolve("settings.json"), "{\"sampling\": {\"durationSeconds\": 30, \"topK\": -5, "
                + "\"temperature\": 0.5, \"variants\": 3}}");
        StudioSettings.Sampling read = new SettingsStore(home).current().samplingOrDefaults();
        assertEquals(30, read.durationSeconds());
        assertEquals(GenerationParams.DEFAULT_TOP_K, read.topK());
        assertEquals(0.5, read.temperature());
        assertEquals(GenerationParams.DEFAULT_CFG_SCALE, read.cfgScale(), "a missing value takes its default");
        assertEquals(GenerationParams.DEFAULT_WINDOW_SECONDS, read.windowSeconds());
        assertEquals(3, read.variants());
    }
}
