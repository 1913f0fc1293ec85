package studio.codebook.ui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptDraftTest {

    private final PromptDraft draft = new PromptDraft();

    @Test
    void theComposedPromptFollowsTheTempoAndKeyFields() {
        draft.promptProperty().set("  warm lo-fi beat with a piano ");
        assertEquals("warm lo-fi beat with a piano", draft.composedPromptProperty().get());
        draft.tempoProperty().set("80");
        assertEquals("warm lo-fi beat with a piano, 80 BPM", draft.composedPromptProperty().get());
        draft.keyProperty().set("Dm");
        assertEquals("warm lo-fi beat with a piano, 80 BPM, in D minor", draft.composedPromptProperty().get());
        assertEquals(draft.composedPromptProperty().get(), draft.compose().text());
        assertEquals("", draft.promptNoteProperty().get());
        assertEquals("", draft.fieldProblem());
    }

    @Test
    void aFieldThePromptAlreadyCoversIsLeftOutWithANote() {
        draft.promptProperty().set("techno at 128 BPM");
        draft.tempoProperty().set("90");
        assertEquals("techno at 128 BPM", draft.composedPromptProperty().get());
        assertTrue(draft.promptNoteProperty().get().contains("already says 128 BPM"),
                draft.promptNoteProperty().get());
    }

    @Test
    void anUnreadableTempoOrKeyIsExplainedAndTheTypedPromptStillShows() {
        draft.promptProperty().set("jazz");
        draft.keyProperty().set("D minor");
        draft.tempoProperty().set("very fast");
        assertTrue(draft.fieldProblem().startsWith("Tempo must be a whole number of BPM from 30 to 300"),
                draft.fieldProblem());
        assertTrue(draft.fieldProblem().endsWith("not \"very fast\""), draft.fieldProblem());
        assertEquals("jazz", draft.composedPromptProperty().get());
        assertEquals("", draft.promptNoteProperty().get());
        assertThrows(IllegalArgumentException.class, draft::compose);

        draft.tempoProperty().set("");
        draft.keyProperty().set("H minor");
        assertTrue(draft.fieldProblem().startsWith("Key must be a note and an optional mode"), draft.fieldProblem());

        draft.keyProperty().set("");
        assertEquals("", draft.fieldProblem());
    }

    @Test
    void blankMeansNothingButSpaces() {
        assertTrue(draft.isBlank());
        draft.promptProperty().set(" \n ");
        assertTrue(draft.isBlank());
        draft.promptProperty().set(null);
        assertTrue(draft.isBlank());
        draft.promptProperty().set("x");
        assertFalse(draft.isBlank());
    }

    @Test
    void presetsHistoryAndLoadFillThePrompt() {
        PresetPrompts.Preset preset = draft.presets().get(0);
        draft.applyPreset(preset);
        assertEquals(preset.prompt(), draft.promptProperty().get());

        draft.remember();
        draft.promptProperty().set("ambient pad ");
        draft.remember();
        assertEquals(List.of("ambient pad", preset.prompt()), draft.history().items());

        draft.tempoProperty().set("100");
        draft.keyProperty().set("A minor");
        draft.load("rock, 120 BPM, in E minor", "noise");
        assertEquals("rock, 120 BPM, in E minor", draft.promptProperty().get());
        assertEquals("noise", draft.negativePromptProperty().get());
        assertEquals("", draft.tempoProperty().get());
        assertEquals("", draft.keyProperty().get());
        assertEquals("rock, 120 BPM, in E minor", draft.composedPromptProperty().get(),
                "the stored prompt is read as it was, not worded a second time");
    }
}
