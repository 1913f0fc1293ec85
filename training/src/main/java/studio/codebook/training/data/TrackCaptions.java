package studio.codebook.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.reference.GenreTypes;

/**
 * Finds a track's caption, trying in turn:
 * <ol>
 *   <li>{@code NAME.txt} beside the track: its trimmed text;</li>
 *   <li>{@code NAME.json} beside the track: its "caption" string, else its "description" string; its other
 *   scalar fields are kept as the caption's attributes;</li>
 *   <li>the file's tags: {@code "[<genre> ]track[ '<title>'][ by <artist>][ at <bpm> BPM][ in <key>]"}, e.g.
 *   "jazz track 'Blue Room' by Ann Example", used when at least one of title, artist and genre is set
 *   (the genre lower-cased, ID3v1 genre numbers named, "F#m" key tags written as "F# minor");</li>
 *   <li>automatic analysis (see {@link MusicAnalysis}).</li>
 * </ol>
 * A sidecar that is empty, too large or not the expected JSON is passed over with a warning for the user.
 */
final class TrackCaptions {

    private static final int MAX_SIDECAR_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** jaudiotagger logs every tag frame through java.util.logging; held strongly so the level sticks. */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");
    private static final Pattern KEY_TAG = Pattern.compile("([A-Ga-g])([#b♯♭]?)\\s*(m|min|minor|maj|major)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GENRE_NUMBER = Pattern.compile("\\(?(\\d{1,3})\\)?");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private TrackCaptions() {
    }

    /**
     * The caption of {@code track}, from the first source that gives one.
     *
     * @param analysis run only if neither sidecars nor tags give a caption
     * @param warnings receives problems with sidecars, for the manifest
     */
    static Caption find(Path track, FolderListing listing, Supplier<MusicAnalysis> analysis, List<String> warnings) {
        Optional<Caption> caption = listing.sidecar(track, "txt").flatMap(f -> fromTxt(f, warnings));
        if (caption.isEmpty()) {
            caption = listing.sidecar(track, "json").flatMap(f -> fromJson(f, warnings));
        }
        if (caption.isEmpty()) {
            caption = fromTags(track);
        }
        return caption.orElseGet(() -> analysis.get().caption());
    }

    static Optional<Caption> fromTxt(Path file, List<String> warnings) {
        Optional<String> text = readSmall(file, warnings).map(s -> s.strip());
        if (text.isPresent() && text.get().isEmpty()) {
            warnings.add(FolderListing.name(file) + " is empty; the caption comes from tags or analysis");
            return Optional.empty();
        }
        return text.map(t -> new Caption(t, CaptionSource.SIDECAR_TXT, Map.of()));
    }

    static Optional<Caption> fromJson(Path file, List<String> warnings) {
        Optional<String> content = readSmall(file, warnings);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(content.get());
        } catch (IOException e) {
            warnings.add(FolderListing.name(file) + " is not valid JSON; the caption comes from tags or analysis");
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            warnings.add(FolderListing.name(file) + " is not a JSON object; the caption comes from tags or analysis");
            return Optional.empty();
        }
        String text = nonBlankText(root.get("caption")).or(() -> nonBlankText(root.get("description"))).orElse(null);
        if (text == null) {
            warnings.add(FolderListing.name(file) + " has no \"caption\" or \"description\" text;"
                    + " the caption comes from tags or analysis");
            return Optional.empty();
        }
        Map<String, String> attributes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("caption") && !field.getKey().equals("description")
                    && field.getValue().isValueNode() && !field.getValue().isNull()) {
                attributes.put(field.getKey(), field.getValue().asText());
            }
        }
        return Optional.of(new Caption(text, CaptionSource.SIDECAR_JSON, attributes));
    }

    private static Optional<String> nonBlankText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip())
                : Optional.empty();
    }

    private static Optional<String> readSmall(Path file, List<String> warnings) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_SIDECAR_BYTES + 1);
            if (bytes.length > MAX_SIDECAR_BYTES) {
                warnings.add(FolderListing.name(file) + " is larger than 64 KiB, too long for a caption; ignored");
                return Optional.empty();
            }
            String s = new String(bytes, StandardCharsets.UTF_8);
            return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
        } catch (IOException e) {
            warnings.add(FolderListing.name(file) + " cannot be read (" + FolderListing.describe(e) + "); ignored");
            return Optional.empty();
        }
    }

    /** A caption from the file's tags; empty when there are none worth wording (or they cannot be read). */
    static Optional<Caption> fromTags(Path track) {
        Tag tag;
        try {
            AudioFile audio = AudioFileIO.read(track.toFile());
            tag = audio.getTag();
        } catch (Exception | StackOverflowError e) {
            return Optional.empty(); // damaged or absent tags: the audio itself decoded, so analysis will do
        }
        if (tag == null) {
            return Optional.empty();
        }
        String title = field(tag, FieldKey.TITLE);
        String artist = field(tag, FieldKey.ARTIST);
        String genre = genre(field(tag, FieldKey.GENRE));
        if (title.isEmpty() && artist.isEmpty() && genre.isEmpty()) {
            return Optional.empty();
        }
        String bpm = bpm(field(tag, FieldKey.BPM));
        String key = key(field(tag, FieldKey.KEY));
        StringBuilder text = new StringBuilder();
        if (!genre.isEmpty()) {
            text.append(genre.toLowerCase(Locale.ROOT)).append(' ');
        }
        text.append("track");
        if (!title.isEmpty()) {
            text.append(" '").append(title).append('\'');
        }
        if (!artist.isEmpty()) {
            text.append(" by ").append(artist);
        }
        if (!bpm.isEmpty()) {
            text.append(" at ").append(bpm).append(" BPM");
        }
        if (!key.isEmpty()) {
            text.append(" in ").append(key);
        }
        Map<String, String> attributes = new TreeMap<>();
        putIfSet(attributes, "title", title);
        putIfSet(attributes, "artist", artist);
        putIfSet(attributes, "genre", genre);
        putIfSet(attributes, "bpm", bpm);
        putIfSet(attributes, "key", key);
        return Optional.of(new Caption(text.toString(), CaptionSource.TAGS, attributes));
    }

    private static void putIfSet(Map<String, String> map, String name, String value) {
        if (!value.isEmpty()) {
            map.put(name, value);
        }
    }

    private static String field(Tag tag, FieldKey key) {
        try {
            String v = tag.getFirst(key);
            return v == null ? "" : v.strip();
        } catch (RuntimeException e) {
            return ""; // a format that has no such field
        }
    }

    /** ID3v1-style genre numbers ("(8)", "8") become names; anything else is kept. */
    static String genre(String raw) {
        Matcher m = GENRE_NUMBER.matcher(raw);
        if (m.matches()) {
            String name = GenreTypes.getInstanceOf().getValueForId(Integer.parseInt(m.group(1)));
            return name == null ? "" : name;
        }
        return raw;
    }

    /** A positive number of beats per minute, rounded; "" otherwise. */
    static String bpm(String raw) {
        try {
            double v = Double.parseDouble(raw.replace(',', '.'));
            return v > 0 && v < 1000 ? Long.toString(Math.round(v)) : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /** "Am", "F#m", "Bb", "C major" → "A minor", "F# minor", "Bb major", "C major"; other text as is. */
    static String key(String raw) {
        Matcher m = KEY_TAG.matcher(raw);
        if (!m.matches()) {
            return raw;
        }
        String accidental = m.group(2).replace('♯', '#').replace('♭', 'b');
        String mode = m.group(3);
        boolean minor = mode != null && mode.toLowerCase(Locale.ROOT).startsWith("m")
                && !mode.toLowerCase(Locale.ROOT).startsWith("maj");
        return m.group(1).toUpperCase(Locale.ROOT) + accidental + (minor ? " minor" : " major");
    }
}
