package studio.codebook.ui.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.codebook.engine.lm.BeatClock;
import studio.codebook.engine.text.PromptTempo;

/**
 * Words the optional tempo and key fields into the prompt the way the synthetic corpus's captions word
 * them (training's {@code CaptionWriter}, list style: {@code "lo-fi beat with a piano, 80 BPM, in D minor"}),
 * so the model reads them as it learnt to. A field the prompt already covers ("… 120 BPM", "… in A minor")
 * is not added a second time; the returned notes say so.
 */
public final class PromptComposer {

    /** Tonic names as the captions spell them (sharps and flats as the corpus writes them). */
    private static final String[] NOTE_NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    /** The tempi a beat clock can follow ({@link BeatClock}), so a tempo typed here always reaches the model. */
    public static final int MIN_BPM = (int) BeatClock.MIN_BPM;
    public static final int MAX_BPM = (int) BeatClock.MAX_BPM;
    /** A capital note, or a small one after "in"/"key of" (so "a major shift" is not read as A major). */
    private static final Pattern KEY_IN_PROMPT = Pattern.compile(
            "(?:(?<![\\w#])[A-G]|(?<=\\b(?:in|In|key of) )[a-g])(?:#|♯|b|♭)?\\s*(?i:major|minor|maj|min)\\b");
    private static final Pattern KEY_FIELD = Pattern.compile(
            "\\s*([A-Ga-g])\\s*(#|♯|b|♭|sharp|flat)?\\s*(major|minor|maj|min|m|M)?\\s*", Pattern.CASE_INSENSITIVE);

    /** The final prompt, and what was left out and why (empty when both fields were used or blank). */
    public record Composition(String text, List<String> notes) {
        public Composition {
            notes = List.copyOf(notes);
        }
    }

    private PromptComposer() {
    }

    private static String bpmText(double bpm) {
        return bpm == Math.rint(bpm) ? Long.toString((long) bpm) : Double.toString(bpm);
    }

    /**
     * @param prompt what the user typed
     * @param tempo the tempo field: blank, or a whole number of BPM
     * @param key the key field: blank, or a key such as "D minor", "F#m", "Bb", "eb major"
     * @throws IllegalArgumentException with a message for the user when a field cannot be read
     */
    public static Composition compose(String prompt, String tempo, String key) {
        String text = prompt == null ? "" : prompt.strip();
        Integer bpm = parseTempo(tempo);
        String keyName = normaliseKey(key);
        List<String> notes = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        if (bpm != null) {
            // the engine's reading of a prompt's tempo, so the field is added exactly when the model would not see one
            OptionalDouble said = PromptTempo.bpm(text);
            if (said.isPresent()) {
                if (said.getAsDouble() != bpm) {
                    notes.add("the prompt already says " + bpmText(said.getAsDouble()) + " BPM, so the tempo field ("
                            + bpm + " BPM) was not added");
                }
            } else {
                tail.add(bpm + " BPM");
            }
        }
        if (keyName != null) {
            Matcher m = KEY_IN_PROMPT.matcher(text);
            if (m.find()) {
                String said = normaliseKey(m.group());
                if (!keyName.equals(said)) {
                    notes.add("the prompt already says " + m.group().strip() + ", so the key field (" + keyName
                            + ") was not added");
                }
            } else {
                tail.add("in " + keyName);
            }
        }
        if (tail.isEmpty()) {
            return new Composition(text, notes);
        }
        String joined = String.join(", ", tail);
        String body = text.replaceAll("[\\s,;.]+$", "");
        return new Composition(body.isEmpty() ? joined : body + ", " + joined, notes);
    }

    /**
     * The tempo field as a number, or null when blank.
     *
     * @throws IllegalArgumentException when it is not a whole number of BPM in range
     */
    public static Integer parseTempo(String tempo) {
        if (tempo == null || tempo.isBlank()) {
            return null;
        }
        String t = tempo.strip().replaceAll("(?i)\\s*bpm$", "");
        try {
            int bpm = Integer.parseInt(t);
            if (bpm >= MIN_BPM && bpm <= MAX_BPM) {
                return bpm;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Tempo must be a whole number of BPM from " + MIN_BPM + " to " + MAX_BPM
                + " (or left empty), not \"" + tempo.strip() + "\"");
    }

    /**
     * The key as the captions write it ("D minor", "F# major"), or null when blank. A key without a mode is
     * major; "m" or "min" means minor; enharmonic spellings become the corpus's (Db → C#, A# → Bb).
     *
     * @throws IllegalArgumentException when it is not a key
     */
    public static String normaliseKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        Matcher m = KEY_FIELD.matcher(key);
        if (!m.matches()) {
            throw new IllegalArgumentException("Key must be a note and an optional mode, such as \"D minor\", "
                    + "\"F#m\" or \"Bb major\" (or left empty), not \"" + key.strip() + "\"");
        }
        int pc = switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "C" -> 0;
            case "D" -> 2;
            case "E" -> 4;
            case "F" -> 5;
            case "G" -> 7;
            case "A" -> 9;
            default -> 11;
        };
        String accidental = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        if (accidental.equals("#") || accidental.equals("♯") || accidental.equals("sharp")) {
            pc = (pc + 1) % 12;
        } else if (!accidental.isEmpty()) {
            pc = (pc + 11) % 12;
        }
        String mode = m.group(3);
        boolean minor = mode != null && (mode.equals("m") || mode.toLowerCase(Locale.ROOT).startsWith("min"));
        return NOTE_NAMES[pc] + (minor ? " minor" : " major");
    }

    /** The 24 keys as the captions write them, for the key field's choices. */
    public static List<String> keys() {
        List<String> out = new ArrayList<>();
        for (String mode : new String[] {"major", "minor"}) {
            for (String n : NOTE_NAMES) {
                out.add(n + " " + mode);
            }
        }
        return out;
    }
}
