package studio.codebook.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import studio.codebook.engine.codec.SeanetConfig;
import studio.codebook.engine.lm.LmConfig;
import studio.codebook.engine.pattern.CodebookPattern;
import studio.codebook.engine.text.TextConfig;
import studio.codebook.engine.quantize.QuantizerConfig;

/**
 * The content of {@code model.json}: what a model is, enough to rebuild it before its weights are read.
 *
 * @param schemaVersion the layout of this file ({@link #SCHEMA_VERSION} is the one this build reads)
 * @param id a short unique id, e.g. "tiny-2c9f01ab"
 * @param name a human name
 * @param sampleRate audio samples per second the codec works at
 * @param channels audio channels
 * @param frameRate code frames per second (sampleRate / hop length)
 * @param codebooks K
 * @param codebookSize entries per codebook
 * @param codec the encoder/decoder architecture
 * @param quantizer the quantizer
 * @param pattern the codebook pattern the language model predicts under ("delay", "parallel", "flatten"),
 *     or null for a codec-only model
 * @param lm the language model, or null for a codec-only model
 * @param text the text encoder, or null for a codec-only model
 * @param provenance where it came from
 */
@JsonPropertyOrder({"schemaVersion", "id", "name", "sampleRate", "channels", "frameRate", "codebooks",
    "codebookSize", "codec", "quantizer", "pattern", "lm", "text", "provenance"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(
        int schemaVersion,
        String id,
        String name,
        int sampleRate,
        int channels,
        double frameRate,
        int codebooks,
        int codebookSize,
        SeanetConfig codec,
        QuantizerConfig quantizer,
        String pattern,
        LmConfig lm,
        TextConfig text,
        Provenance provenance) {

    /** The schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public ModelConfig(
            @JsonProperty("schemaVersion") int schemaVersion,
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("sampleRate") int sampleRate,
            @JsonProperty("channels") int channels,
            @JsonProperty("frameRate") double frameRate,
            @JsonProperty("codebooks") int codebooks,
            @JsonProperty("codebookSize") int codebookSize,
            @JsonProperty("codec") SeanetConfig codec,
            @JsonProperty("quantizer") QuantizerConfig quantizer,
            @JsonProperty("pattern") String pattern,
            @JsonProperty("lm") LmConfig lm,
            @JsonProperty("text") TextConfig text,
            @JsonProperty("provenance") Provenance provenance) {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unknown schema version " + schemaVersion + " (this build reads "
                    + SCHEMA_VERSION + ")");
        }
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("id must be 1-64 letters, digits, '.', '_' or '-', not '" + id + "'");
        }
        Objects.requireNonNull(codec, "codec is missing");
        Objects.requireNonNull(quantizer, "quantizer is missing");
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("sampleRate must be 1000..384000 Hz, not " + sampleRate);
        }
        if (channels != codec.channels()) {
            throw new IllegalArgumentException("channels (" + channels + ") differs from codec.channels ("
                    + codec.channels() + ")");
        }
        double expectedFrameRate = (double) sampleRate / codec.hopLength();
        if (Math.abs(frameRate - expectedFrameRate) > 1e-9 * expectedFrameRate) {
            throw new IllegalArgumentException("frameRate " + frameRate + " does not match sampleRate / hop = "
                    + expectedFrameRate);
        }
        if (codebooks != quantizer.codebooks() || codebookSize != quantizer.codebookSize()) {
            throw new IllegalArgumentException("codebooks/codebookSize (" + codebooks + " x " + codebookSize
                    + ") differ from the quantizer's (" + quantizer.codebooks() + " x " + quantizer.codebookSize() + ")");
        }
        if (codec.dimension() != quantizer.dimension()) {
            throw new IllegalArgumentException("codec.dimension (" + codec.dimension()
                    + ") differs from quantizer.dimension (" + quantizer.dimension() + ")");
        }
        if ((lm == null) != (text == null) || (lm == null) != (pattern == null)) {
            throw new IllegalArgumentException("pattern, lm and text come together (all three, or none for a codec-only model)");
        }
        if (lm != null) {
            if (lm.codebooks() != codebooks || lm.cardinality() != codebookSize) {
                throw new IllegalArgumentException("lm.codebooks/lm.cardinality (" + lm.codebooks() + " x "
                        + lm.cardinality() + ") differ from the codec's (" + codebooks + " x " + codebookSize + ")");
            }
            if (text.outputDim() != lm.dim()) {
                throw new IllegalArgumentException("text.outputDim (" + text.outputDim() + ") differs from lm.dim ("
                        + lm.dim() + ")");
            }
            CodebookPattern.of(pattern, codebooks);
        }
        this.schemaVersion = schemaVersion;
        this.id = id;
        this.name = name == null ? id : name;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frameRate = frameRate;
        this.codebooks = codebooks;
        this.codebookSize = codebookSize;
        this.codec = codec;
        this.quantizer = quantizer;
        this.pattern = pattern;
        this.lm = lm;
        this.text = text;
        this.provenance = provenance;
    }

    /** A config whose derived fields (channels, frame rate, K, codebook size) are computed from the parts. */
    public static ModelConfig of(String id, String name, int sampleRate, SeanetConfig codec,
            QuantizerConfig quantizer, Provenance provenance) {
        return new ModelConfig(SCHEMA_VERSION, id, name, sampleRate, codec.channels(),
                (double) sampleRate / codec.hopLength(), quantizer.codebooks(), quantizer.codebookSize(), codec,
                quantizer, null, null, null, provenance);
    }

    /** Samples per code frame. */
    public int hopLength() {
        return codec.hopLength();
    }

    /** Whether this model can generate (it has a language model), or is a codec only. */
    public boolean canGenerate() {
        return lm != null;
    }

    /** The same model with another codec architecture (same sample rate, channels, frame rate and codes). */
    public ModelConfig withCodec(SeanetConfig newCodec) {
        return new ModelConfig(schemaVersion, id, name, sampleRate, channels, frameRate, codebooks, codebookSize,
                newCodec, quantizer, pattern, lm, text, provenance);
    }

    public ModelConfig withProvenance(Provenance p) {
        return new ModelConfig(schemaVersion, id, name, sampleRate, channels, frameRate, codebooks, codebookSize,
                codec, quantizer, pattern, lm, text, p);
    }

    public ModelConfig withId(String newId, String newName) {
        return new ModelConfig(schemaVersion, newId, newName, sampleRate, channels, frameRate, codebooks,
                codebookSize, codec, quantizer, pattern, lm, text, provenance);
    }

    /** The same codec with a language model and text encoder. */
    public ModelConfig withLanguageModel(String newPattern, LmConfig newLm, TextConfig newText) {
        return new ModelConfig(schemaVersion, id, name, sampleRate, channels, frameRate, codebooks, codebookSize,
                codec, quantizer, newPattern, newLm, newText, provenance);
    }
}
