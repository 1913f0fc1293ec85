package studio.codebook.ui.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The example prompts shown as chips, from {@code presets.json} beside this class: each worded as the
 * synthetic corpus's captions are (genre, lead, mood, tempo, key), so the bundled model knows every word.
 */
public final class PresetPrompts {

    /**
     * @param label the chip's short text
     * @param prompt what it puts in the prompt field
     */
    public record Preset(String label, String prompt) {}

    private PresetPrompts() {
    }

    /** The bundled presets. */
    public static List<Preset> bundled() {
        try (InputStream in = PresetPrompts.class.getResourceAsStream("presets.json")) {
            if (in == null) {
                throw new IllegalStateException("presets.json is missing from the application");
            }
            return List.of(new ObjectMapper().readValue(in, Preset[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("presets.json is damaged", e);
        }
    }
}
