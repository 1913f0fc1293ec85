package studio.codebook.engine.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns prompts into the text states the LM conditions on: {@link CaptionTokenizer} then
 * {@link TextEncoder}. The empty prompt is the unconditional condition of classifier-free guidance
 * (mask all 0, states all 0), so {@code encode(ps, scope, List.of(prompt, ""))} is the CFG batch.
 *
 * <p>Owns the tokenizer (closed with this object); the encoder's parameters belong to the manager it
 * was initialised on.
 */
public final class TextConditioner implements AutoCloseable {

    private final CaptionTokenizer tokenizer;
    private final TextEncoder encoder;

    /**
     * @param tokenizer its vocabulary must fit the encoder's embedding and its {@code maxTokens} must
     *     not exceed the encoder's
     * @param encoder an initialised encoder
     */
    public TextConditioner(CaptionTokenizer tokenizer, TextEncoder encoder) {
        TextConfig config = encoder.config();
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the text encoder embeds only " + config.vocabSize());
        }
        if (tokenizer.maxTokens() > config.maxTokens()) {
            throw new IllegalArgumentException("the tokenizer keeps " + tokenizer.maxTokens()
                    + " tokens but the text encoder is configured for " + config.maxTokens());
        }
        this.tokenizer = tokenizer;
        this.encoder = encoder;
    }

    /**
     * A conditioner with a fresh encoder: built from {@code config}, initialised on {@code manager}
     * with weights drawn from {@code seed}.
     */
    public static TextConditioner create(CaptionTokenizer tokenizer, TextConfig config, long seed, NDManager manager) {
        TextEncoder encoder = TextEncoder.builder().setConfig(config).optSeed(seed).build();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        return new TextConditioner(tokenizer, encoder);
    }

    /** Tokenizes and pads the prompts (for training, or to inspect what the model sees). */
    public TokenizedBatch tokenize(List<String> texts) {
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokenized.add(tokenizer.encode(text));
        }
        return TokenizedBatch.of(tokenized);
    }

    /** Encodes the prompts for inference (no dropout, no graph is needed). */
    public TextStates encode(ParameterStore ps, NDManager scope, List<String> texts) {
        return encode(ps, scope, texts, false);
    }

    /**
     * Encodes the prompts; the arrays live on {@code scope}. With {@code training} the forward is
     * recorded for autograd (joint training with the LM).
     */
    public TextStates encode(ParameterStore ps, NDManager scope, List<String> texts, boolean training) {
        TokenizedBatch batch = tokenize(texts);
        return encode(ps, scope, batch, training);
    }

    /** Encodes an already tokenized batch. */
    public TextStates encode(ParameterStore ps, NDManager scope, TokenizedBatch batch, boolean training) {
        NDList input = batch.toNDList(scope);
        NDList out = encoder.forward(ps, input, training);
        return new TextStates(out.singletonOrThrow(), input.get(1), batch.warnings());
    }

    public CaptionTokenizer tokenizer() {
        return tokenizer;
    }

    public TextEncoder encoder() {
        return encoder;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
