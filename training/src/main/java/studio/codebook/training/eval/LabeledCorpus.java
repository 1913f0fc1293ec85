package studio.codebook.training.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.training.synth.CorpusWriter;

/**
 * Reads the clips of a captioned corpus folder (what {@code synth} writes): every {@code NAME.json} sidecar
 * with a "caption" next to an audio file {@code NAME.wav} (or .flac, .mp3, .ogg), in name order. Read
 * directly rather than through {@code TrackLibrary}, because the classifier needs whole clips with their
 * attributes, not loudness-normalised training segments.
 */
public final class LabeledCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AUDIO = {".wav", ".flac", ".mp3", ".ogg"};

    private LabeledCorpus() {}

    /**
     * The first {@code maxClips} clips in name order (all when 0).
     *
     * @throws IOException when the folder cannot be read, a sidecar is not JSON, or an audio file is broken;
     *     the message names the file
     */
    public static List<LabeledClip> read(Path folder, int maxClips) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder");
        }
        List<Path> sidecars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.json")) {
            for (Path p : entries) {
                if (!p.getFileName().toString().equals(CorpusWriter.MANIFEST)) {
                    sidecars.add(p);
                }
            }
        }
        sidecars.sort(null);
        List<LabeledClip> clips = new ArrayList<>();
        for (Path sidecar : sidecars) {
            if (maxClips > 0 && clips.size() >= maxClips) {
                break;
            }
            String file = sidecar.getFileName().toString();
            String name = file.substring(0, file.length() - ".json".length());
            Path audio = audioOf(folder, name);
            if (audio == null) {
                continue;
            }
            JsonNode root;
            try {
                root = JSON.readTree(sidecar.toFile());
            } catch (IOException e) {
                throw new IOException(sidecar + ": not a JSON sidecar (" + e.getMessage() + ")", e);
            }
            String caption = root.path("caption").asText("").strip();
            if (caption.isEmpty()) {
                continue;
            }
            Map<String, String> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals("caption") && f.getValue().isValueNode()) {
                    fields.put(f.getKey(), f.getValue().asText());
                }
            }
            clips.add(new LabeledClip(name, caption, fields, AudioReader.read(audio)));
        }
        if (clips.isEmpty()) {
            throw new IOException(folder + ": no captioned clips (NAME.wav with a NAME.json holding a \"caption\")");
        }
        return clips;
    }

    private static Path audioOf(Path folder, String name) {
        for (String ext : AUDIO) {
            Path p = folder.resolve(name + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
