package studio.codebook.ui.generate;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The prompts generated from, most recent first, each once (compared without surrounding spaces), at most
 * {@value #MAX} of them. The shell persists {@link #items()} with the settings and restores it with
 * {@link #restore}.
 */
public final class PromptHistory {

    public static final int MAX = 50;

    private final ObservableList<String> items = FXCollections.observableArrayList();

    /** Live, most recent first; listen to it to persist. */
    public ObservableList<String> items() {
        return items;
    }

    /** Puts {@code prompt} first (moving it up if it was there); blank prompts are not kept. */
    public void add(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return;
        }
        String p = prompt.strip();
        items.remove(p);
        items.add(0, p);
        if (items.size() > MAX) {
            items.remove(MAX, items.size());
        }
    }

    /** Replaces the history with saved prompts (most recent first), applying the same rules. */
    public void restore(List<String> saved) {
        items.clear();
        for (int i = saved.size() - 1; i >= 0; i--) {
            add(saved.get(i));
        }
    }
}
