package studio.codebook.engine.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import studio.codebook.engine.io.AtomicWrite;

/**
 * The JSON sidecar written beside every generated clip: everything needed to know how it was made and
 * to make it again.
 *
 * @param file the audio file's name
 * @param createdAt ISO-8601 instant
 * @param app the program and version that made it
 * @param params the generation parameters, with {@code seed} and {@code variants} as given
 * @param variant which variant of the request this clip is (0-based)
 * @param seed the seed that makes this clip again as variant 0 of a one-variant request
 * @param modelId the model's id
 * @param modelHash the model's content hash
 * @param continuedFrom the audio file continued, or null
 * @param promptSeconds seconds of continued audio at the start of the clip
 * @param durationSeconds the clip's length
 * @param sampleRate the clip's sample rate
 * @param timings how long it took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClipRecord(
        String file,
        String createdAt,
        String app,
        GenerationParams params,
        int variant,
        long seed,
        String modelId,
        String modelHash,
        String continuedFrom,
        double promptSeconds,
        double durationSeconds,
        int sampleRate,
        Timings timings) {

    /**
     * @param textMillis prompt encoding
     * @param lmMillis the language model's steps
     * @param decodeMillis final decoding
     * @param steps language-model steps
     * @param stepsPerSecond steps per second
     */
    public record Timings(double textMillis, double lmMillis, double decodeMillis, int steps, double stepsPerSecond) {
        public static Timings of(GenerationResult r) {
            return new Timings(round(r.textMillis()), round(r.lmMillis()), round(r.decodeMillis()), r.steps(),
                    round(r.stepsPerSecond()));
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Writes the sidecar atomically. */
    public void write(Path file) throws IOException {
        AtomicWrite.write(file, JSON.writeValueAsBytes(this));
    }

    /** Reads a sidecar. */
    public static ClipRecord read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ClipRecord.class);
    }
}
