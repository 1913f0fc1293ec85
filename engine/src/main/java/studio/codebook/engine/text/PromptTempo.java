package studio.codebook.engine.text;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.codebook.engine.lm.BeatClock;

/**
 * The tempo a prompt asks for, as a musician writes it: "128 BPM", "128bpm", "90 beats per minute",
 * "tempo 136", "at a tempo of 75", "tempo: 100". The first mention counts; a number outside
 * {@value BeatClock#MIN_BPM}–{@value BeatClock#MAX_BPM} BPM is not a tempo. Every caption template of the
 * synthetic corpus that names a tempo is read back exactly (checked over its 12-hour corpus).
 */
public final class PromptTempo {

    private static final Pattern TEMPO = Pattern.compile(
            "(?<![\\d.])(\\d{2,3}(?:\\.\\d+)?)\\s*-?\\s*(?:bpm|beats\\s+(?:per|a)\\s+minute)\\b"
                    + "|\\btempo\\s*(?:of\\s+|is\\s+|:\\s*|=\\s*|at\\s+)?(\\d{2,3}(?:\\.\\d+)?)(?!\\d|\\.\\d)",
            Pattern.CASE_INSENSITIVE);

    private PromptTempo() {}

    /** Beats per minute the prompt names, or empty when it names none (or none in range). */
    public static OptionalDouble bpm(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return OptionalDouble.empty();
        }
        Matcher m = TEMPO.matcher(prompt.toLowerCase(Locale.ROOT));
        while (m.find()) {
            double bpm = Double.parseDouble(m.group(1) != null ? m.group(1) : m.group(2));
            if (bpm >= BeatClock.MIN_BPM && bpm <= BeatClock.MAX_BPM) {
                return OptionalDouble.of(bpm);
            }
        }
        return OptionalDouble.empty();
    }
}
