package studio.codebook.engine.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Maps each codebook's entries into a few groups, so that the joint histogram of K codebooks has
 * G^K cells instead of V^K and total correlation can be estimated. TC of the groups is a lower
 * bound on the TC of the codes (data processing), exact when the grouping loses nothing.
 *
 * @param groups G
 * @param maps maps[k][v] = the group in [0, G) of entry v of codebook k
 * @param method how the groups were chosen, for reports
 */
public record CoarseGraining(int groups, int[][] maps, String method) {

    /** The default number of groups: 4 keeps 4⁴ = 256 joint cells for four codebooks. */
    public static final int DEFAULT_GROUPS = 4;

    public CoarseGraining {
        if (groups < 1) {
            throw new IllegalArgumentException("need at least one group, not " + groups);
        }
        if (maps == null || maps.length == 0) {
            throw new IllegalArgumentException("need a group map for each codebook");
        }
        int[][] copy = new int[maps.length][];
        for (int k = 0; k < maps.length; k++) {
            copy[k] = maps[k].clone();
            for (int v = 0; v < copy[k].length; v++) {
                if (copy[k][v] < 0 || copy[k][v] >= groups) {
                    throw new IllegalArgumentException("codebook " + (k + 1) + ", entry " + v + " maps to group "
                            + copy[k][v] + ", outside 0.." + (groups - 1));
                }
            }
        }
        maps = copy;
        method = method == null ? "caller-supplied" : method;
    }

    /** A caller-supplied grouping: maps[k][v] in [0, groups). */
    public static CoarseGraining of(int groups, int[][] maps) {
        return new CoarseGraining(groups, maps, "caller-supplied");
    }

    /**
     * Groups of roughly equal probability mass by frequency rank: each codebook's used entries are
     * sorted by count (most frequent first) and cut greedily into G consecutive runs; a run closes
     * when adding the next entry would take it further from its target, the mass still unassigned
     * divided by the groups still open. An entry heavier than that target takes a group of its own.
     * When a codebook uses at most G entries, each used entry gets its own group (nothing is lost).
     * Unused entries join the last group.
     */
    public static CoarseGraining byFrequencyRank(List<CodebookStatistics> codebooks, int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("need at least one group, not " + groups);
        }
        int[][] maps = new int[codebooks.size()][];
        for (int k = 0; k < maps.length; k++) {
            maps[k] = byFrequencyRank(codebooks.get(k).counts(), groups);
        }
        return new CoarseGraining(groups, maps, "frequency rank, " + groups + " groups of roughly equal mass");
    }

    static int[] byFrequencyRank(long[] counts, int groups) {
        int size = counts.length;
        long[] order = new long[size];
        long total = 0;
        int used = 0;
        for (int v = 0; v < size; v++) {
            // Sort descending by count, ascending by entry: encode (−count, v) as one long. Counts fit
            // in 32 bits for any array of codes that fits in memory.
            order[v] = ((Long.MAX_VALUE >> 31) - counts[v]) << 31 | v;
            total += counts[v];
            used += counts[v] > 0 ? 1 : 0;
        }
        Arrays.sort(order);
        int[] map = new int[size];
        Arrays.fill(map, groups - 1);
        int group = 0;
        long groupMass = 0;
        long unassigned = total;
        double target = (double) total / groups;
        for (int rank = 0; rank < used; rank++) {
            int v = (int) (order[rank] & 0x7FFF_FFFFL);
            long c = counts[v];
            if (group < groups - 1 && groupMass > 0) {
                boolean worse = Math.abs(groupMass + c - target) > Math.abs(groupMass - target);
                boolean lastEntriesForOpenGroups = used - rank <= groups - 1 - group;
                if (worse || lastEntriesForOpenGroups) {
                    group++;
                    unassigned -= groupMass;
                    groupMass = 0;
                    target = (double) unassigned / (groups - group);
                }
            }
            map[v] = group;
            groupMass += c;
        }
        return map;
    }

    @Override
    public int[][] maps() {
        int[][] copy = new int[maps.length][];
        for (int k = 0; k < maps.length; k++) {
            copy[k] = maps[k].clone();
        }
        return copy;
    }

    /** The group of entry v of codebook k. */
    public int group(int k, int v) {
        return maps[k][v];
    }

    int[] mapOf(int k) {
        return maps[k];
    }
}
