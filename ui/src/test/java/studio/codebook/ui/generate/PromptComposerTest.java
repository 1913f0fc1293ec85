package studio.codebook.ui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptComposerTest {

    @Test
    void emptyFieldsAddNothing() {
        PromptComposer.Composition c = PromptComposer.compose("  lo-fi beat with a piano ", "", " ");
        assertEquals("lo-fi beat with a piano", c.text());
        assertEquals(List.of(), c.notes());
        assertEquals("x", PromptComposer.compose("x", null, null).text());
    }

    @Test
    void tempoAndKeyAreWordedAsTheCaptionsWordThem() {
        assertEquals("lo-fi beat with a piano, 80 BPM, in D minor",
                PromptComposer.compose("lo-fi beat with a piano", "80", "Dm").text());
        assertEquals("techno with a saw lead, 128 BPM", PromptComposer.compose("techno with a saw lead.", "128 bpm", "").text());
        assertEquals("in F# major", PromptComposer.compose("", "", "f#").text());
    }

    @Test
    void aTempoThePromptAlreadySaysIsNotDoubled() {
        assertEquals("house groove, 120 BPM", PromptComposer.compose("house groove, 120 BPM", "120", "").text());
        assertEquals(List.of(), PromptComposer.compose("house groove, 120 BPM", "120", "").notes());
        PromptComposer.Composition other = PromptComposer.compose("house at a tempo of 124", "90", "");
        assertEquals("house at a tempo of 124", other.text());
        assertTrue(other.notes().get(0).contains("90 BPM"), other.notes().toString());
        assertEquals("jazz, 100 beats per minute", PromptComposer.compose("jazz, 100 beats per minute", "100", "").text());
        // the engine's reading decides: the generator's beat clock follows exactly the tempo it finds
        assertEquals(List.of("the prompt already says 92.5 BPM, so the tempo field (90 BPM) was not added"),
                PromptComposer.compose("lo-fi at 92.5 bpm", "90", "").notes());
        assertEquals("an 808 groove, 90 BPM", PromptComposer.compose("an 808 groove", "90", "").text(),
                "808 is no tempo");
    }

    @Test
    void aKeyThePromptAlreadySaysIsNotDoubledButALowercaseArticleIsNoKey() {
        assertEquals("ambient in A minor, 70 BPM", PromptComposer.compose("ambient in A minor", "70", "A minor").text());
        assertEquals("ambient in a minor", PromptComposer.compose("ambient in a minor", "", "C major").text());
        assertEquals("rock with a major riff, in E major",
                PromptComposer.compose("rock with a major riff", "", "E").text());
    }

    @Test
    void keysNormaliseToTheCorpusSpelling() {
        assertEquals("C# minor", PromptComposer.normaliseKey("Db min"));
        assertEquals("Bb major", PromptComposer.normaliseKey("A#"));
        assertEquals("Eb minor", PromptComposer.normaliseKey("ebm"));
        assertEquals("B major", PromptComposer.normaliseKey("B"));
        assertEquals("C major", PromptComposer.normaliseKey("CM"));
        assertNull(PromptComposer.normaliseKey(""));
        assertEquals(24, PromptComposer.keys().size());
    }

    @Test
    void unreadableFieldsGetMessages() {
        IllegalArgumentException tempo = assertThrows(IllegalArgumentException.class,
                () -> PromptComposer.compose("x", "fast", ""));
        assertTrue(tempo.getMessage().startsWith("Tempo must be a whole number"), tempo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PromptComposer.parseTempo("1000"));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> PromptComposer.compose("x", "", "H minor"));
        assertTrue(key.getMessage().contains("H minor"), key.getMessage());
    }

    @Test
    void historyIsMostRecentFirstWithoutDuplicates() {
        PromptHistory h = new PromptHistory();
        h.add("a");
        h.add("b");
        h.add(" a ");
        h.add("");
        assertEquals(List.of("a", "b"), h.items());
        for (int i = 0; i < PromptHistory.MAX + 5; i++) {
            h.add("p" + i);
        }
        assertEquals(PromptHistory.MAX, h.items().size());
        assertEquals("p" + (PromptHistory.MAX + 4), h.items().get(0));
        h.restore(List.of("x", "y", "x"));
        assertEquals(List.of("x", "y"), h.items());
    }

    @Test
    void presetsLoad() {
        List<PresetPrompts.Preset> presets = PresetPrompts.bundled();
        assertTrue(presets.size() >= 6);
        assertTrue(presets.stream().anyMatch(p -> p.prompt().contains("128 BPM")));
    }
}
