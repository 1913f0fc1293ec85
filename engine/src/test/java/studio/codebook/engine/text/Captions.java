package studio.codebook.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic captions in the style of the bundled corpus (genre, mood, instruments, tempo, key). */
final class Captions {

    private static final String[] MOODS = {"warm", "dark", "bright", "dreamy", "energetic", "calm", "melancholic",
        "uplifting", "gritty", "playful", "tense", "nostalgic"};
    private static final String[] GENRES = {"lo-fi", "house", "techno", "jazz", "ambient", "hip hop", "rock",
        "funk", "drum and bass", "synthwave", "folk", "reggae", "trap", "disco"};
    private static final String[] INSTRUMENTS = {"piano", "electric piano", "brushed drums", "808 bass", "synth pads",
        "acoustic guitar", "strings", "saxophone", "vinyl crackle", "arpeggiated synth", "kick drum", "hi-hats",
        "slap bass", "organ", "flute", "choir"};
    private static final String[] KEYS = {"C major", "A minor", "G major", "E minor", "D minor", "F# minor",
        "Bb major", "Eb major"};

    private Captions() {}

    static List<String> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String mood = MOODS[random.nextInt(MOODS.length)];
            String genre = GENRES[random.nextInt(GENRES.length)];
            String a = INSTRUMENTS[random.nextInt(INSTRUMENTS.length)];
            String b = INSTRUMENTS[random.nextInt(INSTRUMENTS.length)];
            int bpm = 60 + random.nextInt(120);
            String key = KEYS[random.nextInt(KEYS.length)];
            switch (random.nextInt(3)) {
                case 0 -> out.add(mood + " " + genre + " " + a + " over " + b + ", " + bpm + " BPM");
                case 1 -> out.add("A " + mood + " " + genre + " track in " + key + " with " + a + " and " + b + ".");
                default -> out.add(genre + ", " + mood + ", " + a + ", " + b + ", " + key + ", " + bpm + " bpm");
            }
        }
        return out;
    }
}
