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
                .withGeneration(new StudioSettings.GenerationDefaults(20, 100, 0.9, 0.8, 4, 2))
                .withDevice(StudioSettings.DEVICE_CPU).withPresetChips(List.of("a", "b")));
        store.save();
        SettingsStore again = new SettingsStore(home);
        assertEquals(store.current(), again.current());
        assertEquals("/models/mine", again.current().lastModel());
        assertEquals(2, again.current().generation().variants());
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
}
