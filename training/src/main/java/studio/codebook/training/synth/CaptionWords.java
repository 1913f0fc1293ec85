package studio.codebook.training.synth;

import java.util.List;

/** Mood words by mode and energy; the first of each list is the canonical one kept in the sidecar. */
final class CaptionWords {

    private CaptionWords() {
    }

    static List<String> moods(Mode mode, Energy energy) {
        boolean major = mode == Mode.MAJOR;
        return switch (energy) {
            case LOW -> major ? List.of("mellow", "gentle", "calm", "relaxed", "laid-back")
                    : List.of("melancholic", "wistful", "laid-back", "somber", "hazy");
            case MEDIUM -> major ? List.of("warm", "easygoing", "groovy", "cheerful", "breezy")
                    : List.of("moody", "brooding", "nocturnal", "groovy", "smoky");
            case HIGH -> major ? List.of("upbeat", "energetic", "uplifting", "bouncy", "joyful")
                    : List.of("dark", "driving", "intense", "energetic", "urgent");
        };
    }

    /** "a" or "an" before {@code phrase}, by its first letter (right for our vocabulary, not for English at large). */
    static String article(String phrase) {
        if (phrase.endsWith("strings")) {
            return phrase; // "plucked strings", "lush strings": plural, no article
        }
        char c = Character.toLowerCase(phrase.charAt(0));
        return ("aeiou".indexOf(c) >= 0 || phrase.startsWith("FM") ? "an " : "a ") + phrase;
    }
}
