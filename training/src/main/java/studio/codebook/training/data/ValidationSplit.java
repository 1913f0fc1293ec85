package studio.codebook.training.data;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which tracks are held out, by track, never by segment. Each track draws a number in [0, 1) from
 * SHA-256 of the seed and its content hash, and is held out when the draw is below the validation
 * fraction: the decision depends on nothing but the seed and the track itself, so adding or removing
 * other files leaves it alone, and a file copied twice (same content) lands on one side.
 *
 * <p>Two corrections keep the split useful on small libraries: with a positive fraction and at least two
 * distinct tracks, if no track drew below the fraction the one with the smallest draw is held out; if
 * every track did, the one with the largest draw is trained on. Those corrections could move a track
 * when the library changes, which is why splits already recorded in a previous manifest (same seed and
 * fraction) are pinned.
 */
final class ValidationSplit {

    private ValidationSplit() {
    }

    /** The track's draw in [0, 1). */
    static double draw(long seed, String contentHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((seed + ":" + contentHash).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11; // 53 bits
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The split of every distinct content hash.
     *
     * @param pinned splits to keep (from a previous manifest made with the same seed and fraction)
     */
    static Map<String, Split> assign(List<String> contentHashes, LibraryConfig config, Map<String, Split> pinned) {
        Set<String> distinct = new TreeSet<>(contentHashes);
        Map<String, Split> split = new LinkedHashMap<>();
        for (String hash : distinct) {
            Split p = pinned.get(hash);
            split.put(hash, p != null ? p : draw(config.seed(), hash) < config.validationFraction()
                    ? Split.VALIDATION : Split.TRAINING);
        }
        if (config.validationFraction() > 0 && distinct.size() >= 2) {
            Comparator<String> byDraw = Comparator.comparingDouble(h -> draw(config.seed(), h));
            List<String> free = distinct.stream().filter(h -> !pinned.containsKey(h)).sorted(byDraw).toList();
            if (!split.containsValue(Split.VALIDATION) && !free.isEmpty()) {
                split.put(free.get(0), Split.VALIDATION);
            }
            if (!split.containsValue(Split.TRAINING) && !free.isEmpty()) {
                split.put(free.get(free.size() - 1), Split.TRAINING);
            }
        }
        return split;
    }
}
