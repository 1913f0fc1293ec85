package studio.codebook.ui.generate;

import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The prompt being written for the next run: the text, what to steer away from, and the optional tempo and
 * key fields, with what the model will read once {@link PromptComposer} has worded them in (kept current
 * for the view, with a note when a field was left out). Also where prompts come from besides typing: the
 * recent ones ({@link PromptHistory}) and the bundled presets.
 */
public final class PromptDraft {

    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final StringProperty negativePrompt = new SimpleStringProperty(this, "negativePrompt", "");
    private final StringProperty tempo = new SimpleStringProperty(this, "tempo", "");
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final ReadOnlyStringWrapper composedPrompt = new ReadOnlyStringWrapper(this, "composedPrompt", "");
    private final ReadOnlyStringWrapper promptNote = new ReadOnlyStringWrapper(this, "promptNote", "");
    private final PromptHistory history = new PromptHistory();
    private final List<PresetPrompts.Preset> presets = PresetPrompts.bundled();

    public PromptDraft() {
        for (Observable o : new Observable[] {prompt, tempo, key}) {
            o.addListener(x -> recompose());
        }
        recompose();
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public StringProperty negativePromptProperty() {
        return negativePrompt;
    }

    /** Blank or a whole number of BPM. */
    public StringProperty tempoProperty() {
        return tempo;
    }

    /** Blank or a key such as "D minor". */
    public StringProperty keyProperty() {
        return key;
    }

    /** The prompt the model will read: the typed prompt with tempo and key worded in. */
    public ReadOnlyStringProperty composedPromptProperty() {
        return composedPrompt.getReadOnlyProperty();
    }

    /** Why a tempo or key field was not added (the prompt already says one), or empty. */
    public ReadOnlyStringProperty promptNoteProperty() {
        return promptNote.getReadOnlyProperty();
    }

    /** Recent prompts, most recent first; the shell persists {@link PromptHistory#items()}. */
    public PromptHistory history() {
        return history;
    }

    public List<PresetPrompts.Preset> presets() {
        return presets;
    }

    /** Whether nothing (or only spaces) has been typed. */
    public boolean isBlank() {
        return prompt.get() == null || prompt.get().isBlank();
    }

    /**
     * The prompt the model reads, and what was left out and why.
     *
     * @throws IllegalArgumentException with a message for the user when the tempo or key cannot be read
     */
    public PromptComposer.Composition compose() {
        return PromptComposer.compose(prompt.get(), tempo.get(), key.get());
    }

    /** Why the tempo or key field cannot be read, or empty when both can. */
    public String fieldProblem() {
        try {
            compose();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public void applyPreset(PresetPrompts.Preset preset) {
        prompt.set(preset.prompt());
    }

    /** Puts the typed prompt first in the history (a run was started from it). */
    public void remember() {
        history.add(prompt.get());
    }

    /**
     * Takes a stored clip's prompts. The stored prompt already has any tempo and key worded in, so the
     * fields are emptied rather than adding them a second time.
     */
    public void load(String storedPrompt, String storedNegativePrompt) {
        prompt.set(storedPrompt);
        tempo.set("");
        key.set("");
        negativePrompt.set(storedNegativePrompt);
    }

    private void recompose() {
        String composed = prompt.get() == null ? "" : prompt.get().strip();
        String note = "";
        try {
            PromptComposer.Composition c = compose();
            composed = c.text();
            note = String.join("; ", c.notes());
        } catch (IllegalArgumentException e) {
            // the tempo or key field is unreadable: show the typed prompt; fieldProblem() says why
        }
        composedPrompt.set(composed);
        promptNote.set(note);
    }
}
