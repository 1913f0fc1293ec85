package studio.codebook.training.data;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a track is, in words, for the language model's text conditioning.
 *
 * @param text the caption itself, never blank
 * @param source where it came from
 * @param attributes what else the source said (a sidecar's other fields, the tags used, the analysis
 *     measurements), sorted by name; may be empty
 */
public record Caption(String text, CaptionSource source, Map<String, String> attributes) {

    public Caption {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a caption cannot be blank");
        }
        attributes = attributes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** This caption's text replaced by the user's: the source becomes EDITED, the attributes stay. */
    public Caption edited(String newText) {
        return new Caption(newText.strip(), CaptionSource.EDITED, attributes);
    }
}
