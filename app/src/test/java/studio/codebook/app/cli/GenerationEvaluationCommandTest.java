package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.generate.GenerationParams;

/** {@code classifier train}, {@code classifier check} and {@code evaluate --generation} end to end, tiny. */
class GenerationEvaluationCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsAClassifierAndEvaluatesGeneratedClipsIntoJson() throws Exception {
        Path corpus = dir.resolve("corpus");
        Path heldOut = dir.resolve("held-out");
        Path model = dir.resolve("tiny");
        Path classifier = dir.resolve("classifier");
        Path json = dir.resolve("generation.json");
        assertOk(CliRun.of("synth", "--hours", Double.toString(12.0 / 3600), "--out", corpus.toString(), "--seed", "3",
                "--clip-seconds", "2", "--rate", "8000"));
        assertOk(CliRun.of("synth", "--hours", Double.toString(6.0 / 3600), "--out", heldOut.toString(), "--seed", "4",
                "--clip-seconds", "2", "--held-out"));
        assertOk(CliRun.of("model", "init", "--preset", "tiny", "--out", model.toString(), "--seed", "3"));

        CliRun trained = CliRun.of("classifier", "train", "--data", corpus.toString(), "--out", classifier.toString(),
                "--steps", "3", "--batch", "2", "--crop-seconds", "1", "--tiny");
        assertOk(trained);
        assertTrue(trained.out().contains("validation accuracy"), trained.out());
        JsonNode record = new ObjectMapper().readTree(classifier.resolve("classifier.json").toFile());
        assertEquals(3, record.path("training").path("steps").asInt());
        assertEquals(corpus.toAbsolutePath().toString(), record.path("training").path("data").asText());

        CliRun checked = CliRun.of("classifier", "check", "--classifier", classifier.toString(), "--data", heldOut.toString());
        assertOk(checked);
        assertTrue(checked.out().startsWith("3 clips: genre"), checked.out());

        Path someClip;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(heldOut)) {
            someClip = files.filter(f -> f.toString().endsWith(".wav")).sorted().findFirst().orElseThrow();
        }
        CliRun heard = CliRun.of("classifier", "hear", "--classifier", classifier.toString(), someClip.toString());
        assertOk(heard);
        assertTrue(heard.out().matches("(?s)" + java.util.regex.Pattern.quote(someClip.getFileName().toString())
                + ": genre [a-z -]+ \\(\\d\\.\\d\\d\\), lead [a-z ]+ \\(\\d\\.\\d\\d\\), drums [a-z -]+ \\(\\d\\.\\d\\d\\), "
                + "tempo (\\d+\\.\\d BPM|none)\\R"), heard.out());
        CliRun unreadable = CliRun.of("classifier", "hear", "--classifier", classifier.toString(), dir.resolve("none.wav").toString());
        assertEquals(1, unreadable.code(), unreadable.err());

        CliRun evaluated = CliRun.of("evaluate", "--generation", "--model", model.toString(), "--classifier",
                classifier.toString(), "--held-out", heldOut.toString(), "--clips", "2", "--duration", "1",
                "--top-k", "40", "--temperature", "0.8", "--json", json.toString());
        assertOk(evaluated);
        assertTrue(evaluated.err().contains("top-k 40, top-p 0.0, temperature 0.8, guidance " + GenerationParams.DEFAULT_CFG_SCALE), evaluated.err());
        System.out.println(evaluated.err() + evaluated.out());
        assertTrue(evaluated.out().contains("prompt adherence (generated)"), evaluated.out());
        assertTrue(evaluated.out().contains("steps/s"), evaluated.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, report.path("clips").asInt());
        assertEquals(3, report.path("referenceClips").asInt());
        assertEquals(2, report.path("perClip").size());
        assertTrue(report.path("perClip").get(0).path("caption").asText().length() > 0);
        assertTrue(report.path("frechetDistance").isNumber(), report.toString());
        assertTrue(report.path("speed").path("stepsPerSecond").asDouble() > 0);
        int namingATempo = 0;
        for (JsonNode clip : report.path("perClip")) {
            namingATempo += studio.codebook.engine.text.PromptTempo.bpm(clip.path("caption").asText()).isPresent() ? 1 : 0;
        }
        assertEquals(namingATempo, report.path("tempo").path("clips").asInt(), "judged on tempo: the prompts naming one");
        assertEquals(40, report.at("/sampling/topK").asInt(), report.toString());
        assertEquals(0.8, report.at("/sampling/temperature").asDouble());
        assertEquals(GenerationParams.DEFAULT_WINDOW_SECONDS, report.at("/sampling/windowSeconds").asDouble(),
                "evaluated in the window a user generates with");
        assertTrue(evaluated.out().contains("window " + GenerationParams.describeWindow(
                GenerationParams.DEFAULT_WINDOW_SECONDS)), evaluated.out());
        assertTrue(evaluated.out().contains("sampling: top-k 40, top-p 0.0, temperature 0.8, guidance " + GenerationParams.DEFAULT_CFG_SCALE),
                evaluated.out());
    }

    @Test
    void generationNeedsAClassifierAndAHeldOutSet() {
        CliRun r = CliRun.of("evaluate", "--generation", "--model", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--classifier"), r.err());
        CliRun noData = CliRun.of("evaluate", "--model", dir.toString());
        assertEquals(2, noData.code());
        assertTrue(noData.err().contains("--data"), noData.err());
    }

    @Test
    void samplingSettingsOutOfRangeAreRefusedBeforeAnythingLoads() throws Exception {
        Files.createDirectories(dir.resolve("held-out"));
        CliRun r = CliRun.of("evaluate", "--generation", "--model", dir.toString(), "--classifier", dir.toString(),
                "--held-out", dir.resolve("held-out").toString(), "--temperature", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("temperature"), r.err());
    }

    @Test
    void aFolderWithoutAClassifierIsRefusedWithAMessage() throws Exception {
        Files.createDirectories(dir.resolve("held-out"));
        CliRun r = CliRun.of("classifier", "check", "--classifier", dir.toString(), "--data", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no captioned clips") || r.err().contains("not an attribute classifier"), r.err());
    }

    private static void assertOk(CliRun r) {
        assertEquals(0, r.code(), r.err());
    }
}
