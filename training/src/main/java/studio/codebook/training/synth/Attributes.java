package studio.codebook.training.synth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a synthetic clip is: the attributes that made it, so the caption can never contradict the audio.
 *
 * @param genre the genre (tempo range, progressions, feel)
 * @param bpm the exact tempo, quarter notes per minute
 * @param tonic pitch class of the key's tonic, 0 = C … 11 = B
 * @param mode major or natural minor
 * @param lead the melody's instrument
 * @param drums the drum pattern family ({@link DrumStyle#NONE} for beatless clips)
 * @param energy how busy and loud the arrangement is
 */
public record Attributes(Genre genre, int bpm, int tonic, Mode mode, Lead lead, DrumStyle drums, Energy energy) {

    private static final String[] NOTE_NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    public Attributes {
        Objects.requireNonNull(genre, "genre");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(drums, "drums");
        Objects.requireNonNull(energy, "energy");
        if (bpm < 40 || bpm > 240) {
            throw new IllegalArgumentException("tempo must be 40–240 BPM, not " + bpm);
        }
        if (tonic < 0 || tonic > 11) {
            throw new IllegalArgumentException("tonic must be a pitch class 0–11, not " + tonic);
        }
    }

    /** The tonic's name, e.g. "Eb". */
    public String tonicName() {
        return NOTE_NAMES[tonic];
    }

    /** The key as a caption writes it, e.g. "D minor". */
    public String key() {
        return tonicName() + " " + mode.label();
    }

    /** One word for the mood, from the mode and the energy (e.g. minor and low: "melancholic"). */
    public String mood() {
        return CaptionWords.moods(mode, energy).get(0);
    }

    /** Seconds per quarter note. */
    public double beatSeconds() {
        return 60.0 / bpm;
    }

    /** The attributes as the flat fields of a sidecar JSON (insertion-ordered, strings and numbers). */
    public Map<String, Object> toFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("genre", genre.label());
        m.put("bpm", bpm);
        m.put("key", key());
        m.put("tonic", tonicName());
        m.put("mode", mode.label());
        m.put("lead", lead.label());
        m.put("drums", drums.label());
        m.put("energy", energy.label());
        m.put("mood", mood());
        return m;
    }
}
