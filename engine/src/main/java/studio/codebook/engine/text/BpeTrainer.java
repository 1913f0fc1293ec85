package studio.codebook.engine.text;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns byte-level BPE merges from captions and renders them as a HuggingFace {@code tokenizer.json}.
 *
 * <p>Vocabulary: ids 0 and 1 are {@code <pad>} and {@code <eos>}, ids 2…257 the 256 byte symbols in
 * byte order (so any UTF-8 text is representable), then one token per merge in the order learned.
 * Each round merges the most frequent adjacent pair over the pre-tokenized words (ties: the pair
 * with the smaller left id, then the smaller right id), so the result depends only on the texts and
 * the vocabulary size. Pair counts are updated incrementally, touching only the words that hold the
 * merged pair, so a few thousand captions train in well under a second.
 */
final class BpeTrainer {

    /** Pairs seen fewer times than this are not worth a token. */
    static final int MIN_PAIR_COUNT = 2;

    private BpeTrainer() {}

    /** The learned model: tokens by id and merges by rank. */
    record Result(List<String> tokens, List<String[]> merges) {}

    static Result train(List<String> texts, int vocabSize) {
        List<String> tokens = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (String special : List.of(CaptionTokenizer.PAD, CaptionTokenizer.EOS)) {
            ids.put(special, tokens.size());
            tokens.add(special);
        }
        for (int b = 0; b < 256; b++) {
            String symbol = String.valueOf(ByteLevelBpe.BYTE_TO_CHAR[b]);
            ids.put(symbol, tokens.size());
            tokens.add(symbol);
        }

        // unique words, sorted so that nothing depends on hash order
        TreeMap<String, Integer> wordCounts = new TreeMap<>();
        for (String text : texts) {
            for (String piece : ByteLevelBpe.preTokenize(text == null ? "" : text)) {
                wordCounts.merge(piece, 1, Integer::sum);
            }
        }
        int n = wordCounts.size();
        int[][] words = new int[n][];
        int[] freq = new int[n];
        int w = 0;
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            String word = e.getKey();
            words[w] = new int[word.length()];
            for (int i = 0; i < word.length(); i++) {
                words[w][i] = ids.get(String.valueOf(word.charAt(i)));
            }
            freq[w] = e.getValue();
            w++;
        }

        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int i = 0; i < n; i++) {
            addPairs(words[i], freq[i], i, counts, where, null);
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        counts.forEach((k, c) -> queue.add(new long[] {c, k}));

        List<String[]> merges = new ArrayList<>();
        while (tokens.size() < vocabSize && !queue.isEmpty()) {
            long[] top = queue.poll();
            long pair = top[1];
            Integer current = counts.get(pair);
            if (current == null || current != top[0]) {
                continue; // stale entry; the current count was queued when it changed
            }
            if (current < MIN_PAIR_COUNT) {
                break;
            }
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            String mergedText = tokens.get(left) + tokens.get(right);
            Integer merged = ids.get(mergedText);
            if (merged == null) {
                merged = tokens.size();
                ids.put(mergedText, merged);
                tokens.add(mergedText);
            }
            merges.add(new String[] {tokens.get(left), tokens.get(right)});

            Set<Long> changed = new HashSet<>();
            int[] affected = where.remove(pair).stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i : affected) {
                int[] word = words[i];
                if (!contains(word, left, right)) {
                    continue;
                }
                removePairs(word, freq[i], counts, changed);
                words[i] = apply(word, left, right, merged);
                addPairs(words[i], freq[i], i, counts, where, changed);
            }
            counts.remove(pair);
            for (long k : changed) {
                Integer c = counts.get(k);
                if (c != null && c > 0) {
                    queue.add(new long[] {c, k});
                } else {
                    counts.remove(k);
                }
            }
        }
        return new Result(List.copyOf(tokens), List.copyOf(merges));
    }

    private static boolean contains(int[] word, int left, int right) {
        for (int i = 0; i + 1 < word.length; i++) {
            if (word[i] == left && word[i + 1] == right) {
                return true;
            }
        }
        return false;
    }

    /** Merges every non-overlapping occurrence of (left, right), left to right. */
    private static int[] apply(int[] word, int left, int right, int merged) {
        int[] out = new int[word.length];
        int m = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                out[m++] = merged;
                i++;
            } else {
                out[m++] = word[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static void addPairs(int[] word, int f, int index, Map<Long, Integer> counts,
            Map<Long, Set<Integer>> where, Set<Long> changed) {
        for (int i = 0; i + 1 < word.length; i++) {
            long k = ByteLevelBpe.key(word[i], word[i + 1]);
            counts.merge(k, f, Integer::sum);
            where.computeIfAbsent(k, x -> new HashSet<>()).add(index);
            if (changed != null) {
                changed.add(k);
            }
        }
    }

    private static void removePairs(int[] word, int f, Map<Long, Integer> counts, Set<Long> changed) {
        for (int i = 0; i + 1 < word.length; i++) {
            long k = ByteLevelBpe.key(word[i], word[i + 1]);
            counts.merge(k, -f, Integer::sum);
            changed.add(k);
        }
    }

    /**
     * The {@code tokenizer.json} text: no normalizer (decoding gives back the exact text), the
     * ByteLevel pre-tokenizer and decoder, the BPE model with every token and merge on its own line.
     * The special tokens live only in the vocabulary, not in {@code added_tokens}: HF matches added
     * tokens inside the input text, and a caption that says "&lt;pad&gt;" must not become padding.
     */
    static byte[] toJson(Result result) {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        StringBuilder sb = new StringBuilder(64 * result.tokens().size());
        sb.append("{\n");
        sb.append("  \"version\": \"1.0\",\n");
        sb.append("  \"truncation\": null,\n");
        sb.append("  \"padding\": null,\n");
        sb.append("  \"added_tokens\": [],\n");
        sb.append("  \"normalizer\": null,\n");
        sb.append("  \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true},\n");
        sb.append("  \"post_processor\": null,\n");
        sb.append("  \"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true},\n");
        sb.append("  \"model\": {\n");
        sb.append("    \"type\": \"BPE\",\n");
        sb.append("    \"dropout\": null,\n");
        sb.append("    \"unk_token\": null,\n");
        sb.append("    \"continuing_subword_prefix\": null,\n");
        sb.append("    \"end_of_word_suffix\": null,\n");
        sb.append("    \"fuse_unk\": false,\n");
        sb.append("    \"byte_fallback\": false,\n");
        sb.append("    \"ignore_merges\": false,\n");
        sb.append("    \"vocab\": {");
        List<String> tokens = result.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append("      \"").append(quote.quoteAsString(tokens.get(i))).append("\": ").append(i);
        }
        sb.append("\n    },\n");
        sb.append("    \"merges\": [");
        List<String[]> merges = result.merges();
        for (int i = 0; i < merges.size(); i++) {
            String[] m = merges.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("      [\"").append(quote.quoteAsString(m[0])).append("\", \"")
                    .append(quote.quoteAsString(m[1])).append("\"]");
        }
        sb.append(merges.isEmpty() ? "]\n" : "\n    ]\n");
        sb.append("  }\n");
        sb.append("}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
