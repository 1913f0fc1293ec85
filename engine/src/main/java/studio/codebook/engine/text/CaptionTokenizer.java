package studio.codebook.engine.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import studio.codebook.engine.io.AtomicWrite;

/**
 * Our own byte-level BPE tokenizer for captions: trained here from the captions of a corpus, stored
 * as a HuggingFace {@code tokenizer.json} in the model folder, and run by DJL's
 * {@link HuggingFaceTokenizer} (native, offline).
 *
 * <h2>Any text works</h2>
 * Every UTF-8 byte has its own token (ids 2…257), so emoji, any script, control characters and words
 * never seen in training all encode; they merely take more tokens. There is no normaliser, so
 * decoding the ids gives back the exact text. A caption longer than {@code maxTokens} tokens is cut
 * to its first {@code maxTokens} tokens with a warning, never an exception. The empty caption has no
 * tokens: it is the unconditional prompt of classifier-free guidance.
 *
 * <h2>File layout</h2>
 * {@code model.type = "BPE"} with {@code vocab} ({@code <pad>} = 0, {@code <eos>} = 1, the 256 byte
 * symbols of GPT-2's byte-to-unicode alphabet in byte order, then merged tokens) and {@code merges}
 * in rank order; {@code pre_tokenizer} and {@code decoder} are {@code ByteLevel} (no prefix space);
 * no normaliser, no post-processor (no special tokens are added), no {@code added_tokens} (so a
 * caption containing the text "&lt;pad&gt;" is ordinary text). {@link #PAD_ID} only marks padded
 * slots, which the encoder masks anyway; {@link #EOS_ID} is reserved.
 *
 * <p>Holds native memory: {@link #close()} it.
 */
public final class CaptionTokenizer implements AutoCloseable {

    public static final String PAD = "<pad>";
    public static final String EOS = "<eos>";
    public static final int PAD_ID = 0;
    public static final int EOS_ID = 1;
    /** Specials plus the 256 byte symbols: the smallest possible vocabulary. */
    public static final int BASE_VOCAB = 258;
    public static final int MAX_VOCAB = 1 << 16;

    private final HuggingFaceTokenizer tokenizer;
    private final int vocabSize;
    private final int maxTokens;

    private CaptionTokenizer(HuggingFaceTokenizer tokenizer, int vocabSize, int maxTokens) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.maxTokens = maxTokens;
    }

    /**
     * Learns up to {@code vocabSize − 258} merges from {@code texts} and writes the tokenizer file
     * atomically. The same texts and size always give a byte-identical file. The vocabulary can end
     * up smaller than asked when the texts have no more pairs seen at least twice; read the size
     * actually trained from {@link #vocabSize()} after loading.
     *
     * @throws IllegalArgumentException if {@code vocabSize} is outside 258…65536
     */
    public static void train(List<String> texts, int vocabSize, Path tokenizerJson) throws IOException {
        if (vocabSize < BASE_VOCAB || vocabSize > MAX_VOCAB) {
            throw new IllegalArgumentException("tokenizer vocabulary size must be " + BASE_VOCAB + ".." + MAX_VOCAB
                    + " (2 special tokens + 256 bytes + merges), not " + vocabSize);
        }
        BpeTrainer.Result result = BpeTrainer.train(texts, vocabSize);
        AtomicWrite.write(tokenizerJson, BpeTrainer.toJson(result));
    }

    /**
     * Loads a tokenizer file written by {@link #train}.
     *
     * @param maxTokens captions longer than this many tokens are truncated (≥ 1)
     * @throws IOException if the file is missing, unreadable, or not a byte-level BPE tokenizer of ours
     */
    public static CaptionTokenizer load(Path tokenizerJson, int maxTokens) throws IOException {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, not " + maxTokens);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(tokenizerJson);
        } catch (NoSuchFileException e) {
            throw new IOException(tokenizerJson + ": tokenizer file not found", e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(tokenizerJson + ": not a tokenizer file (invalid JSON: " + e.getOriginalMessage() + ")", e);
        }
        int vocabSize = validate(tokenizerJson, root);
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes),
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (RuntimeException e) {
            throw new IOException(tokenizerJson + ": the tokenizer library rejected the file (" + e.getMessage() + ")", e);
        }
        return new CaptionTokenizer(hf, vocabSize, maxTokens);
    }

    private static int validate(Path file, JsonNode root) throws IOException {
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw new IOException(file + ": not a BPE tokenizer (model type '" + model.path("type").asText() + "')");
        }
        if (!"ByteLevel".equals(root.path("pre_tokenizer").path("type").asText())) {
            throw new IOException(file + ": not a byte-level tokenizer (pre-tokenizer '"
                    + root.path("pre_tokenizer").path("type").asText() + "'); some texts could not be encoded");
        }
        JsonNode vocab = model.path("vocab");
        if (vocab.path(PAD).asInt(-1) != PAD_ID) {
            throw new IOException(file + ": the vocabulary has no " + PAD + " token with id " + PAD_ID);
        }
        int size = vocab.size();
        if (size < BASE_VOCAB || size > MAX_VOCAB) {
            throw new IOException(file + ": vocabulary of " + size + " tokens, expected " + BASE_VOCAB + ".." + MAX_VOCAB);
        }
        boolean[] seen = new boolean[size];
        for (JsonNode id : vocab) {
            int i = id.asInt(-1);
            if (i < 0 || i >= size || seen[i]) {
                throw new IOException(file + ": token ids must be 0.." + (size - 1) + " without gaps or repeats");
            }
            seen[i] = true;
        }
        for (char c : ByteLevelBpe.BYTE_TO_CHAR) {
            if (!vocab.has(String.valueOf(c))) {
                throw new IOException(file + ": the vocabulary lacks a byte symbol, so some texts could not be encoded");
            }
        }
        return size;
    }

    /**
     * The ids of {@code text}, cut to {@code maxTokens} with a warning if longer. Never throws on any
     * text; {@code null} is treated as the empty caption.
     */
    public TokenizedText encode(String text) {
        if (text == null || text.isEmpty()) {
            return new TokenizedText(new int[0], false, "");
        }
        Encoding encoding = tokenizer.encode(wellFormed(text), false, false);
        long[] all = encoding.getIds();
        int n = Math.min(all.length, maxTokens);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Math.toIntExact(all[i]);
        }
        if (all.length <= maxTokens) {
            return new TokenizedText(ids, false, "");
        }
        String warning = "The prompt is too long (" + all.length + " tokens, " + text.length()
                + " characters); only the first " + maxTokens + " tokens are used.";
        return new TokenizedText(ids, true, warning);
    }

    /**
     * {@code text} with every unpaired surrogate replaced by U+FFFD, as a UTF-8 encoder does: Java
     * strings may hold them (pasted or cut text) and the native side would otherwise see three
     * meaningless bytes.
     */
    static String wellFormed(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!paired && sb == null) {
                sb = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (sb != null) {
                sb.append(paired ? c : '\uFFFD');
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** The text of {@code ids} (HF's ByteLevel decoder). */
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, false);
    }

    /** The size of the vocabulary in the file: the embedding table of the text encoder needs this many rows. */
    public int vocabSize() {
        return vocabSize;
    }

    /** Captions are cut to this many tokens. */
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
