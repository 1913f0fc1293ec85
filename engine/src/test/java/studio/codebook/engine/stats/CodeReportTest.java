package studio.codebook.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.codec.Codes;

class CodeReportTest {

    private static CodeReport report() {
        Random random = new Random(31);
        Codes a = new Codes(ConstructedCodes.uniform(random, 3, 2_000, 16), 16, 50);
        Codes b = new Codes(ConstructedCodes.uniform(random, 3, 1_000, 16), 16, 50);
        return CodeStatistics.of(List.of(a, b)).report(
                List.of(Alignment.sameFrame(), Alignment.delayPattern(), Alignment.frameOffset(-2)), 4);
    }

    @Test
    void jsonRoundTripsAndNamesTheFields() throws Exception {
        CodeReport report = report();
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(report);
        JsonNode tree = mapper.readTree(json);
        assertEquals(3_000, tree.get("frames").asLong());
        assertEquals(3, tree.get("codebooks").size());
        assertEquals(16, tree.get("codebooks").get(0).get("counts").size());
        assertTrue(tree.get("codebooks").get(0).has("millerMadowEntropyBits"));
        assertEquals(3, tree.get("mutualInformation").size());
        JsonNode delay = tree.get("mutualInformation").get(1);
        assertEquals("DELAY_PATTERN", delay.get("alignment").get("kind").asText());
        assertEquals(3, delay.get("plugInBits").size());
        assertEquals(1_999 + 999, delay.get("pairs").get(0).get(1).asLong());
        assertTrue(delay.has("biasBoundBits") && delay.has("adequacy") && delay.has("alignmentDescription"));
        // TC only for the alignments that define K-tuples.
        assertEquals(2, tree.get("totalCorrelation").size());
        assertTrue(tree.get("totalCorrelation").get(0).get("coarseGrained").has("jointCells"));

        CodeReport back = mapper.readValue(json, CodeReport.class);
        assertEquals(json, mapper.writeValueAsString(back));
        assertEquals(report.mutualInformation().get(2).plugInBits(0, 1), back.mutualInformation().get(2).plugInBits(0, 1));
    }

    @Test
    void textShowsTheTablesWithThreeDecimals() {
        CodeReport report = report();
        String text = report.toText();
        String h1 = String.format(java.util.Locale.ROOT, "%.3f", report.codebooks().get(0).entropyBits());
        String mi01 = String.format(java.util.Locale.ROOT, "%.3f",
                report.mutualInformation().get(0).millerMadowBits(0, 1));
        assertTrue(text.startsWith("2 clips, 3000 frames, 3 codebooks x 16 entries"), text);
        assertTrue(text.contains("z1 ") && text.contains(h1), text);
        assertTrue(text.contains("Mutual information, same frame"), text);
        assertTrue(text.contains("Mutual information, delay pattern"), text);
        assertTrue(text.contains("frame offset -2"), text);
        assertTrue(text.contains(" " + mi01), text);
        assertTrue(text.contains("pairwise MI sum (proxy, not TC)"), text);
        assertTrue(text.contains("TC of coarse-grained codes (4 groups, 64 cells"), text);
    }
}
