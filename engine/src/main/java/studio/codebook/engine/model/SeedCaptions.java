package studio.codebook.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Captions in the words musicians use (genres, instruments, moods, tempi, keys), for learning the
 * tokenizer of a model made by {@code model init} before it has seen any real captions. A trained model's
 * tokenizer is learnt from its own training captions instead.
 */
public final class SeedCaptions {

    private static final String[] GENRES = {"techno", "house", "hip-hop", "rock", "ambient", "jazz", "lo-fi",
        "chiptune", "drum and bass", "trap", "funk", "disco", "pop", "synthwave", "classical", "folk", "blues",
        "reggae", "metal", "cinematic", "dubstep", "trance", "soul", "bossa nova"};
    private static final String[] INSTRUMENTS = {"piano", "electric piano", "rhodes", "plucked guitar",
        "acoustic guitar", "bass guitar", "saw lead", "square lead", "string pad", "strings", "organ", "flute",
        "bell", "marimba", "synth bass", "brass", "violin", "cello", "choir", "arpeggiated synth", "808 bass"};
    private static final String[] DRUMS = {"brushed drums", "four-on-the-floor kick", "boom bap drums",
        "breakbeat", "trap hi-hats", "live drums", "no drums", "shuffled groove", "half-time drums"};
    private static final String[] MOODS = {"warm", "dark", "uplifting", "melancholic", "dreamy", "energetic",
        "laid-back", "aggressive", "calm", "epic", "playful", "moody", "bright", "dusty", "hypnotic", "gentle"};
    private static final String[] KEYS = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private static final String[] TEMPLATES = {
        "%m %g with %i over %d, %b BPM",
        "%g track, %i and %d, %k, %b bpm",
        "a %m %g beat with a %i",
        "%i melody, %m, %k",
        "%m %i over %d",
        "%g, %b BPM, %k, %i lead",
        "slow %m %g with %i",
        "fast %g with %d and a %i",
    };

    private SeedCaptions() {}

    /** {@code count} captions, the same for the same seed. */
    public static List<String> sample(int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String t = TEMPLATES[random.nextInt(TEMPLATES.length)];
            String key = KEYS[random.nextInt(KEYS.length)] + (random.nextBoolean() ? " major" : " minor");
            out.add(t.replace("%m", pick(MOODS, random)).replace("%g", pick(GENRES, random))
                    .replace("%i", pick(INSTRUMENTS, random)).replace("%d", pick(DRUMS, random))
                    .replace("%k", key).replace("%b", Integer.toString(60 + 5 * random.nextInt(25))));
        }
        return out;
    }

    private static String pick(String[] words, Random random) {
        return words[random.nextInt(words.length)];
    }
}
