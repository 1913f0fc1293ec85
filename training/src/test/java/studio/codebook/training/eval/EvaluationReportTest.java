package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.SkipKind;
import studio.codebook.training.data.Segment;
import studio.codebook.training.data.SkippedFile;

class EvaluationReportTest {

    private static final List<Segment> SEGMENTS = EvalFixtures.sines(4, 6400, 3);

    @Test
    void fullModelReportRoundTripsThroughJsonAndRendersTables(@TempDir Path dir) throws Exception {
        try (MusicModel model = EvalFixtures.tinyFull(2, SEGMENTS)) {
            List<String> phases = new ArrayList<>();
            EvaluationReport report = EvaluationReport.measure(model, SEGMENTS,
                    EvaluationSettings.defaults().withPermutations(2), "/music/held-out",
                    List.of(new SkippedFile("broken.wav", 12, SkipKind.values()[0], "broken.wav: not a WAV file")),
                    (phase, done, total) -> {
                        if (done == total) {
                            phases.add(phase);
                        }
                    });
            assertEquals(List.of("encode", "reconstruct", "mmd", "lm"), phases);
            assertEquals(4, report.segments());
            assertEquals(2, report.tracks());
            assertEquals(0.4, report.segmentSeconds(), 1e-12);
            assertEquals(16_000, report.sampleRate());
            assertNotNull(report.lm());

            Path file = dir.resolve("eval.json");
            report.write(file);
            EvaluationReport back = EvaluationReport.read(file);
            assertEquals(report.toJson(), back.toJson());
            assertEquals(report.codec().bandwidth(), back.codec().bandwidth());
            assertEquals(report.codec().mmd(), back.codec().mmd());
            assertEquals(report.lm(), back.lm());
            assertEquals(report.skipped(), back.skipped());

            JsonNode tree = new ObjectMapper().readTree(file.toFile());
            assertEquals(4, tree.at("/codec/bandwidth").size());
            assertTrue(tree.at("/codec/bandwidth/0").has("siSnrDb"));
            assertEquals("delay", tree.at("/codec/mmd/1/alignment").asText());
            assertEquals("codeword", tree.at("/codec/mmd/1/streamKind").asText());
            assertEquals(4, tree.at("/codec/codes/codebooks").size());
            assertEquals(4, tree.at("/lm/codebooks").size());
            assertTrue(tree.at("/lm/codebooks/0").has("bits"));
            assertEquals("broken.wav", tree.at("/skipped/0/relativePath").asText());

            String text = report.toText();
            for (String expected : List.of("Reconstruction by codebooks used", "SI-SNR (dB)", "MMD²", "null level",
                    "Language model NLL, delay pattern", "uniform", "Mutual information", "Total correlation")) {
                assertTrue(text.contains(expected), "missing '" + expected + "' in\n" + text);
            }
            System.out.println(text);
        }
    }

    @Test
    void codecOnlyModelSkipsTheLmWithANote() throws Exception {
        try (MusicModel model = EvalFixtures.tinyCodec(2, SEGMENTS)) {
            EvaluationReport report = EvaluationReport.measure(model, SEGMENTS,
                    EvaluationSettings.defaults().withPermutations(1), null, List.of(), EvaluationListener.NONE);
            assertNull(report.lm());
            assertTrue(report.notes().stream().anyMatch(n -> n.contains("codec-only")), report.notes().toString());
            assertEquals(report.toJson(), EvaluationReport.fromJson(report.toJson()).toJson());
            assertTrue(report.toText().contains("Note: codec-only"));
        }
    }
}
