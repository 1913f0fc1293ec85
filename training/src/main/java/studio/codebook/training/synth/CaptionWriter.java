package studio.codebook.training.synth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Words a clip's {@link Attributes} in varied natural language: one of twelve sentence shapes, synonyms
 * for every attribute, and tempo, key and drums appended in one of four ways or left out. The genre or
 * the lead (usually both) is always named; whatever is named is true of the clip.
 */
public final class CaptionWriter {

    public static final String GENRE = "genre";
    public static final String LEAD = "lead";
    public static final String MOOD = "mood";
    public static final String BPM = "bpm";
    public static final String KEY = "key";
    public static final String DRUMS = "drums";

    /** The sentence shapes; a caption's template starts with one of these. */
    public static final List<String> SHAPES = List.of("with", "featuring", "over", "ledby", "upfront", "colon",
            "solo", "tags", "genre", "instrumental", "leadonly", "playing");

    private CaptionWriter() {
    }

    /** A caption for {@code a}, its wording drawn from {@code random}. */
    public static SynthCaption write(Attributes a, Random random) {
        Set<String> mentioned = new LinkedHashSet<>();
        boolean genre = random.nextDouble() < 0.85;
        boolean lead = random.nextDouble() < 0.85;
        if (!genre && !lead) {
            if (random.nextBoolean()) {
                genre = true;
            } else {
                lead = true;
            }
        }
        boolean mood = random.nextDouble() < 0.6;
        if (genre) {
            mentioned.add(GENRE);
        }
        if (lead) {
            mentioned.add(LEAD);
        }
        if (mood) {
            mentioned.add(MOOD);
        }
        String g = pick(random, a.genre().phrases());
        String l = pick(random, a.lead().phrases());
        String n = pick(random, a.genre().nouns());
        String m = pick(random, CaptionWords.moods(a.mode(), a.energy()));
        String mg = mood ? m + " " + g : g; // "laid-back lo-fi"
        String shape;
        String core;
        if (genre && lead) {
            shape = SHAPES.get(random.nextInt(8));
            core = switch (shape) {
                case "with" -> mg + " " + n + " with " + CaptionWords.article(l);
                case "featuring" -> mg + " " + n + " featuring " + CaptionWords.article(l);
                case "over" -> CaptionWords.article(l) + " over " + CaptionWords.article(mg) + " groove";
                case "ledby" -> CaptionWords.article(mg + " " + n) + " led by " + CaptionWords.article(l);
                case "upfront" -> l + " up front, " + mg + " feel";
                case "colon" -> mg + ": " + l + " melody";
                case "solo" -> "solo " + l + " line on top of " + CaptionWords.article(mg) + " groove";
                default -> (mood ? m + ", " : "") + g + ", " + l;
            };
        } else if (genre) {
            shape = random.nextBoolean() ? "genre" : "instrumental";
            core = shape.equals("genre") ? mg + " " + n
                    : CaptionWords.article((mood ? m + " " : "") + "instrumental " + g + " " + n);
        } else {
            shape = random.nextBoolean() ? "leadonly" : "playing";
            String noun = pick(random, List.of("track", "piece", "tune", "instrumental"));
            core = shape.equals("leadonly") ? CaptionWords.article((mood ? m + " " : "") + noun) + " with "
                    + CaptionWords.article(l)
                    : CaptionWords.article(l) + " playing " + CaptionWords.article((mood ? m + " " : "") + "melody");
        }
        List<String> tail = new ArrayList<>();
        String style = shape.equals("tags") ? "list" : pick(random, List.of("list", "natural", "paren", "dash"));
        if (random.nextDouble() < 0.55) {
            mentioned.add(BPM);
            tail.add(style.equals("natural") ? pick(random, List.of("at " + a.bpm() + " BPM", "at " + a.bpm() + " bpm",
                    "at a tempo of " + a.bpm() + " BPM"))
                    : pick(random, List.of(a.bpm() + " BPM", a.bpm() + " bpm", "tempo " + a.bpm(),
                            a.bpm() + " beats per minute")));
        }
        if (random.nextDouble() < 0.45) {
            mentioned.add(KEY);
            tail.add(style.equals("natural") ? pick(random, List.of("in " + a.key(), "in the key of " + a.key()))
                    : pick(random, List.of(a.key(), "in " + a.key(), "key of " + a.key())));
        }
        if (random.nextDouble() < 0.3) {
            mentioned.add(DRUMS);
            String d = pick(random, a.drums().phrases());
            tail.add(style.equals("paren") || a.drums() == DrumStyle.NONE ? d : "with " + d);
        }
        String text = core + switch (style) {
            case "natural" -> tail.isEmpty() ? "" : " " + String.join(" ", tail.subList(0, Math.min(2, tail.size())))
                    + (tail.size() > 2 ? ", " + tail.get(2) : "");
            case "paren" -> tail.isEmpty() ? "" : " (" + String.join(", ", tail) + ")";
            case "dash" -> tail.isEmpty() ? "" : " — " + String.join(", ", tail);
            default -> tail.isEmpty() ? "" : ", " + String.join(", ", tail);
        };
        if (random.nextDouble() < 0.3) {
            text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
        return new SynthCaption(text, shape + "/" + (tail.isEmpty() ? "plain" : style), mentioned);
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
