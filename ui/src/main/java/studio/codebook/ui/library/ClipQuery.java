package studio.codebook.ui.library;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * What the library's search and filters ask for. Empty text, a null model and null dates match all.
 *
 * @param text words that must all appear in the prompt, the negative prompt, the model id or the file
 *     name (case-insensitive)
 * @param modelId only clips made with this model, or null
 * @param from only clips made on or after this day (local time), or null
 * @param to only clips made on or before this day, or null
 */
public record ClipQuery(String text, String modelId, LocalDate from, LocalDate to) {

    public static final ClipQuery ALL = new ClipQuery("", null, null, null);

    public ClipQuery {
        text = text == null ? "" : text.strip();
    }

    public boolean matches(LibraryClip clip) {
        if (modelId != null && !modelId.equals(clip.modelId())) {
            return false;
        }
        LocalDate day = LocalDate.ofInstant(clip.created(), ZoneId.systemDefault());
        if (from != null && day.isBefore(from) || to != null && day.isAfter(to)) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        String negative = clip.record() == null || clip.record().params() == null ? ""
                : clip.record().params().negativePrompt();
        String haystack = (clip.prompt() + "\n" + negative + "\n" + clip.modelId() + "\n" + clip.wav().getFileName())
                .toLowerCase(Locale.ROOT);
        for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
