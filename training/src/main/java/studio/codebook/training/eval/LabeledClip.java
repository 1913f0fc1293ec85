package studio.codebook.training.eval;

import java.util.Map;
import java.util.OptionalDouble;
import studio.codebook.engine.audio.AudioClip;

/**
 * A clip with the sidecar that describes it: {@code NAME.json}'s "caption" and its other fields (for a synth
 * corpus: genre, lead, drums, bpm, key …) as strings.
 *
 * @param name the file's base name
 * @param caption the sidecar's caption
 * @param fields every other sidecar field, as text
 * @param audio the decoded audio, as in the file
 */
public record LabeledClip(String name, String caption, Map<String, String> fields, AudioClip audio) {

    public LabeledClip {
        fields = Map.copyOf(fields);
    }

    /** Class index of the genre among {@code config.genres()}, or -1 when absent or unknown. */
    public int genre(ClassifierConfig config) {
        return config.genres().indexOf(fields.getOrDefault("genre", ""));
    }

    public int lead(ClassifierConfig config) {
        return config.leads().indexOf(fields.getOrDefault("lead", ""));
    }

    public int drums(ClassifierConfig config) {
        return config.drums().indexOf(fields.getOrDefault("drums", ""));
    }

    /** The sidecar's tempo, if it has a numeric "bpm". */
    public OptionalDouble bpm() {
        try {
            String b = fields.get("bpm");
            return b == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
