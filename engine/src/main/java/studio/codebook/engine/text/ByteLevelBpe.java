package studio.codebook.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte-level BPE scheme of GPT-2 as HuggingFace's tokenizers implement it, in Java: the
 * pre-tokenizer (the GPT-2 split regex), the byte-to-unicode alphabet, and merge application. The
 * trainer uses it to see text exactly as HF's {@code ByteLevel} pre-tokenizer will; tests use it to
 * cross-check the ids HF produces from our {@code tokenizer.json}.
 */
final class ByteLevelBpe {

    /**
     * HF's ByteLevel split (use_regex = true): contractions, letters, digits, other symbols, each with
     * an optional leading space; runs of whitespace. Unicode classes, as in the Rust regex.
     */
    static final Pattern SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** GPT-2's printable stand-in for each byte value. */
    static final char[] BYTE_TO_CHAR = new char[256];

    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private final String[] tokens;
    private final Map<String, Integer> ids;
    /** (left id, right id) → {rank, merged id}. */
    private final Map<Long, int[]> merges;

    ByteLevelBpe(String[] tokens, List<String[]> mergePairs) {
        this.tokens = tokens.clone();
        this.ids = new HashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] != null) {
                ids.put(tokens[i], i);
            }
        }
        this.merges = new HashMap<>();
        for (int rank = 0; rank < mergePairs.size(); rank++) {
            String[] pair = mergePairs.get(rank);
            Integer left = ids.get(pair[0]);
            Integer right = ids.get(pair[1]);
            Integer merged = ids.get(pair[0] + pair[1]);
            if (left == null || right == null || merged == null) {
                throw new IllegalArgumentException("merge '" + pair[0] + " " + pair[1] + "' uses tokens not in the vocabulary");
            }
            merges.putIfAbsent(key(left, right), new int[] {rank, merged});
        }
    }

    /** Reads the vocabulary and merges of a HF {@code tokenizer.json} holding a BPE model. */
    static ByteLevelBpe fromJson(JsonNode root) {
        JsonNode model = root.path("model");
        JsonNode vocab = model.path("vocab");
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            size = Math.max(size, it.next().getValue().asInt() + 1);
        }
        String[] tokens = new String[size];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tokens[e.getValue().asInt()] = e.getKey();
        }
        List<String[]> pairs = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            if (m.isArray()) {
                pairs.add(new String[] {m.get(0).asText(), m.get(1).asText()});
            } else {
                String s = m.asText();
                int space = s.indexOf(' ');
                pairs.add(new String[] {s.substring(0, space), s.substring(space + 1)});
            }
        }
        return new ByteLevelBpe(tokens, pairs);
    }

    static ByteLevelBpe fromJson(String json) {
        try {
            return fromJson(new ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a tokenizer.json: " + e.getMessage(), e);
        }
    }

    /** The pre-tokenized pieces of {@code text}, each already in the byte-level alphabet. */
    static List<String> preTokenize(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        while (m.find()) {
            pieces.add(toByteLevel(m.group()));
        }
        return pieces;
    }

    /** The UTF-8 bytes of {@code piece}, each replaced by its GPT-2 stand-in character. */
    static String toByteLevel(String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** The ids of {@code text}: merges applied lowest rank first (leftmost on ties), as HF does. */
    int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        for (String piece : preTokenize(CaptionTokenizer.wellFormed(text))) {
            List<Integer> symbols = new ArrayList<>(piece.length());
            for (int i = 0; i < piece.length(); i++) {
                Integer id = ids.get(String.valueOf(piece.charAt(i)));
                if (id == null) {
                    throw new IllegalStateException("byte symbol '" + piece.charAt(i) + "' missing from the vocabulary");
                }
                symbols.add(id);
            }
            while (symbols.size() > 1) {
                int bestRank = Integer.MAX_VALUE;
                int bestPos = -1;
                int bestId = -1;
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    int[] merge = merges.get(key(symbols.get(i), symbols.get(i + 1)));
                    if (merge != null && merge[0] < bestRank) {
                        bestRank = merge[0];
                        bestPos = i;
                        bestId = merge[1];
                    }
                }
                if (bestPos < 0) {
                    break;
                }
                symbols.set(bestPos, bestId);
                symbols.remove(bestPos + 1);
            }
            out.addAll(symbols);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The text of {@code ids} (byte symbols mapped back; invalid UTF-8 becomes U+FFFD, as in HF). */
    String decode(int[] tokenIds) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : tokenIds) {
            String token = tokens[id];
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
                if (b >= 0) {
                    bytes.write(b);
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    int size() {
        return tokens.length;
    }

    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
