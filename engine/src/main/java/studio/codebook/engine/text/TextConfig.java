package studio.codebook.engine.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sizes of the text encoder, as stored in {@code model.json}.
 *
 * @param vocabSize rows of the token embedding: the vocabulary of the tokenizer actually trained
 *     ({@link CaptionTokenizer#vocabSize()}), at least 258
 * @param dim width of the encoder's transformer
 * @param layers number of transformer blocks (0 = embeddings, final norm and projection only)
 * @param heads attention heads; {@code dim} must be divisible by it
 * @param ffnMultiplier the feed-forward hidden width is {@code ffnMultiplier · dim}
 * @param maxTokens captions are cut to this many tokens
 * @param outputDim width of the states handed to the LM (the LM's model width): MusicGen projects
 *     T5's 768 to the LM width with a biased linear layer, and so do we
 */
public record TextConfig(int vocabSize, int dim, int layers, int heads, int ffnMultiplier, int maxTokens, int outputDim) {

    @JsonCreator
    public TextConfig(
            @JsonProperty("vocabSize") int vocabSize,
            @JsonProperty("dim") int dim,
            @JsonProperty("layers") int layers,
            @JsonProperty("heads") int heads,
            @JsonProperty("ffnMultiplier") int ffnMultiplier,
            @JsonProperty("maxTokens") int maxTokens,
            @JsonProperty("outputDim") int outputDim) {
        if (vocabSize < CaptionTokenizer.BASE_VOCAB || vocabSize > CaptionTokenizer.MAX_VOCAB) {
            throw new IllegalArgumentException("text vocabSize must be " + CaptionTokenizer.BASE_VOCAB + ".."
                    + CaptionTokenizer.MAX_VOCAB + ", not " + vocabSize);
        }
        if (dim < 1 || dim > 8192) {
            throw new IllegalArgumentException("text dim must be 1..8192, not " + dim);
        }
        if (layers < 0 || layers > 64) {
            throw new IllegalArgumentException("text layers must be 0..64, not " + layers);
        }
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("text heads must be >= 1 and divide dim " + dim + ", not " + heads);
        }
        if (ffnMultiplier < 1 || ffnMultiplier > 16) {
            throw new IllegalArgumentException("text ffnMultiplier must be 1..16, not " + ffnMultiplier);
        }
        if (maxTokens < 1 || maxTokens > 4096) {
            throw new IllegalArgumentException("text maxTokens must be 1..4096, not " + maxTokens);
        }
        if (outputDim < 1 || outputDim > 16384) {
            throw new IllegalArgumentException("text outputDim must be 1..16384, not " + outputDim);
        }
        this.vocabSize = vocabSize;
        this.dim = dim;
        this.layers = layers;
        this.heads = heads;
        this.ffnMultiplier = ffnMultiplier;
        this.maxTokens = maxTokens;
        this.outputDim = outputDim;
    }

    /** For tests: dim 32, 1 layer, 2 heads, FFN ×4, 32 tokens, output 32. */
    public static TextConfig tiny(int vocabSize) {
        return new TextConfig(vocabSize, 32, 1, 2, 4, 32, 32);
    }

    /** The bundled model's encoder: dim 256, 2 layers, 4 heads, FFN ×4, 64 tokens, output 256. */
    public static TextConfig defaultSize(int vocabSize) {
        return new TextConfig(vocabSize, 256, 2, 4, 4, 64, 256);
    }

    public TextConfig withVocabSize(int newVocabSize) {
        return new TextConfig(newVocabSize, dim, layers, heads, ffnMultiplier, maxTokens, outputDim);
    }

    public TextConfig withOutputDim(int newOutputDim) {
        return new TextConfig(vocabSize, dim, layers, heads, ffnMultiplier, maxTokens, newOutputDim);
    }

    /** Width of one attention head. */
    public int headDim() {
        return dim / heads;
    }
}
