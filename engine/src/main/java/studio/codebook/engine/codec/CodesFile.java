package studio.codebook.engine.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import studio.codebook.engine.io.AtomicWrite;

/**
 * The codes of one clip as a JSON file ({@code encode} writes it, {@code decode} and {@code analyze}
 * read it), with what is needed to decode it faithfully: the model that made it and the original length.
 *
 * @param format always {@link #FORMAT}
 * @param version layout version ({@link #VERSION})
 * @param modelId id of the model that encoded it
 * @param modelHash content hash of that model's files, or null
 * @param source the audio file it came from (name only), or null
 * @param sampleRate the model's sample rate
 * @param samples the audio's length in samples at that rate (decoding is cut to it)
 * @param codes the codes
 */
@JsonPropertyOrder({"format", "version", "modelId", "modelHash", "source", "sampleRate", "samples", "codes"})
public record CodesFile(String format, int version, String modelId, String modelHash, String source, int sampleRate,
        long samples, Codes codes) {

    public static final String FORMAT = "codebook-studio-codes";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @JsonCreator
    public CodesFile(
            @JsonProperty("format") String format,
            @JsonProperty("version") int version,
            @JsonProperty("modelId") String modelId,
            @JsonProperty("modelHash") String modelHash,
            @JsonProperty("source") String source,
            @JsonProperty("sampleRate") int sampleRate,
            @JsonProperty("samples") long samples,
            @JsonProperty("codes") Codes codes) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a codes file (format is '" + format + "')");
        }
        if (version != VERSION) {
            throw new IllegalArgumentException("codes file version " + version + " is not supported (this build reads "
                    + VERSION + ")");
        }
        if (codes == null) {
            throw new IllegalArgumentException("the file holds no codes");
        }
        if (sampleRate <= 0 || samples < 0) {
            throw new IllegalArgumentException("sampleRate and samples must be positive");
        }
        this.format = format;
        this.version = version;
        this.modelId = modelId;
        this.modelHash = modelHash;
        this.source = source;
        this.sampleRate = sampleRate;
        this.samples = samples;
        this.codes = codes;
    }

    public static CodesFile of(String modelId, String modelHash, String source, int sampleRate, long samples,
            Codes codes) {
        return new CodesFile(FORMAT, VERSION, modelId, modelHash, source, sampleRate, samples, codes);
    }

    /** Writes the file atomically. */
    public void write(Path file) throws IOException {
        AtomicWrite.write(file, JSON.writeValueAsBytes(this));
    }

    /**
     * Reads and validates a codes file.
     *
     * @throws IOException whose message names the file and what is wrong
     */
    public static CodesFile read(Path file) throws IOException {
        try {
            return JSON.readValue(Files.readAllBytes(file), CodesFile.class);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(file + ": " + cause.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a valid codes file (" + e.getOriginalMessage() + ")");
        }
    }
}
