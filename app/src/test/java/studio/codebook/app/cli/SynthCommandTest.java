package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.ScanListener;
import studio.codebook.training.data.TrackLibrary;
import studio.codebook.training.synth.ClipSpec;

/** {@code synth} end to end: three short clips the track library reads, a resume, a refusal. */
class SynthCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesACorpusTheTrackLibraryReadsAndResumes() throws Exception {
        Path out = dir.resolve("corpus");
        String hours = Double.toString(6.0 / 3600);
        CliRun r = CliRun.of("synth", "--hours", hours, "--out", out.toString(), "--seed", "5", "--clip-seconds", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("3/3 clips") && r.err().contains("3 rendered"), r.err());
        LibraryScan scan = TrackLibrary.scan(out, new LibraryConfig(16_000, 2, 2, 1, 0, -16, -1, 0),
                ScanListener.NONE);
        assertEquals(3, scan.manifest().tracks().size());
        ClipSpec first = ClipSpec.of(5, 0, false);
        assertEquals(first.caption().text(),
                scan.manifest().track(first.name() + ".wav").orElseThrow().caption().text());

        CliRun again = CliRun.of("synth", "--hours", hours, "--out", out.toString(), "--seed", "5", "--clip-seconds", "2");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("0 rendered, 3 already present"), again.err());

        CliRun other = CliRun.of("synth", "--hours", hours, "--out", out.toString(), "--seed", "6", "--clip-seconds", "2");
        assertEquals(1, other.code());
        assertTrue(other.err().contains("holds another corpus"), other.err());
    }

    @Test
    void refusesAForeignFolderAndBadArguments() throws Exception {
        Path mine = dir.resolve("music");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        CliRun r = CliRun.of("synth", "--hours", "0.001", "--out", mine.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not empty"), r.err());
        assertEquals(2, CliRun.of("synth", "--hours", "-1", "--out", dir.resolve("x").toString()).code());
        assertEquals(2, CliRun.of("synth", "--hours", "1", "--out", dir.resolve("x").toString(), "--rate", "100").code());
    }

    @Test
    void heldOutRendersOnlyHeldOutPairs() throws Exception {
        Path out = dir.resolve("eval");
        CliRun r = CliRun.of("synth", "--hours", Double.toString(4.0 / 3600), "--out", out.toString(), "--seed", "5",
                "--clip-seconds", "1", "--held-out");
        assertEquals(0, r.code(), r.err());
        try (var files = Files.list(out)) {
            assertEquals(4, files.filter(f -> f.getFileName().toString().matches("heldout-5-\\d{6}\\.wav")).count());
        }
    }
}
