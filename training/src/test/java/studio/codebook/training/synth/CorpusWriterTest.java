package studio.codebook.training.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.ScanListener;
import studio.codebook.training.data.TrackEntry;
import studio.codebook.training.data.TrackLibrary;

/** A corpus folder the track library reads, that resumes and refuses folders that are not its own. */
class CorpusWriterTest {

    @TempDir
    Path dir;

    /** Three 2-second clips. */
    private static CorpusSettings three(long seed, boolean heldOut) {
        return new CorpusSettings(seed, 6.0 / 3600, 2, 16_000, heldOut);
    }

    @Test
    void trackLibraryReadsTheCaptionsAndAttributesFromTheSidecars() throws Exception {
        Path out = dir.resolve("corpus");
        CorpusWriter.Result r = CorpusWriter.write(out, three(7, false), CorpusWriter.Listener.NONE);
        assertEquals(3, r.rendered());
        LibraryConfig config = new LibraryConfig(16_000, 2, 2, 1, 0, -16, -1, 0);
        LibraryScan scan = TrackLibrary.scan(out, config, ScanListener.NONE);
        List<TrackEntry> tracks = scan.manifest().tracks();
        assertEquals(3, tracks.size());
        for (int i = 0; i < 3; i++) {
            ClipSpec clip = ClipSpec.of(7, i, false);
            TrackEntry t = scan.manifest().track(clip.name() + ".wav").orElseThrow();
            assertEquals(clip.caption().text(), t.caption().text());
            assertEquals(clip.attributes().genre().label(), t.caption().attributes().get("genre"));
            assertEquals(Integer.toString(clip.attributes().bpm()), t.caption().attributes().get("bpm"));
            assertEquals(clip.attributes().lead().label(), t.caption().attributes().get("lead"));
        }
        assertEquals(List.of(CorpusWriter.MANIFEST), scan.manifest().skipped().stream()
                .map(s -> s.relativePath()).toList(), "only the corpus manifest is not a track");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve(CorpusWriter.MANIFEST).toFile());
        assertTrue(manifest.get("complete").asBoolean());
        assertEquals(3, manifest.get("clips").size());
        assertEquals(ClipSpec.of(7, 2, false).name(), manifest.get("clips").get(2).get("name").asText());
        assertEquals(HeldOut.combinations().size(), manifest.get("held_out_pairs").size());
    }

    @Test
    void resumesWithoutRenderingCompleteClipsAndRedoesBrokenOnes() throws Exception {
        Path out = dir.resolve("corpus");
        CorpusWriter.write(out, three(7, false), CorpusWriter.Listener.NONE);
        ClipSpec first = ClipSpec.of(7, 0, false);
        ClipSpec second = ClipSpec.of(7, 1, false);
        Path firstWav = out.resolve(first.name() + ".wav");
        FileTime stamp = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(firstWav, stamp);
        byte[] before = Files.readAllBytes(out.resolve(second.name() + ".wav"));
        Files.delete(out.resolve(second.name() + ".json")); // interrupted between the WAV and its sidecar
        Files.write(out.resolve("." + second.name() + ".wav.123.partial"), new byte[10]);
        CorpusWriter.Result r = CorpusWriter.write(out, three(7, false), CorpusWriter.Listener.NONE);
        assertEquals(1, r.rendered());
        assertEquals(2, r.skipped());
        assertEquals(stamp, Files.getLastModifiedTime(firstWav), "a complete clip is not rewritten");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve(second.name() + ".wav"))),
                "the re-rendered clip is byte-identical");
        assertFalse(Files.exists(out.resolve("." + second.name() + ".wav.123.partial")));
        // a longer run of the same corpus extends it
        CorpusWriter.Result more = CorpusWriter.write(out, new CorpusSettings(7, 10.0 / 3600, 2, 16_000, false),
                CorpusWriter.Listener.NONE);
        assertEquals(2, more.rendered());
        assertEquals(3, more.skipped());
    }

    @Test
    void refusesAForeignFolderAndAnotherCorpus() throws Exception {
        Path foreign = dir.resolve("music");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("song.txt"), "mine");
        CorpusException e = assertThrows(CorpusException.class,
                () -> CorpusWriter.write(foreign, three(7, false), CorpusWriter.Listener.NONE));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of(foreign.resolve("song.txt")), Files.list(foreign).toList());

        Path out = dir.resolve("corpus");
        CorpusWriter.write(out, three(7, false), CorpusWriter.Listener.NONE);
        CorpusException seed = assertThrows(CorpusException.class,
                () -> CorpusWriter.write(out, three(8, false), CorpusWriter.Listener.NONE));
        assertTrue(seed.getMessage().contains("seed 7") && seed.getMessage().contains("seed 8"), seed.getMessage());
        assertThrows(CorpusException.class, () -> CorpusWriter.write(out, three(7, true), CorpusWriter.Listener.NONE));
        assertThrows(CorpusException.class, () -> CorpusWriter.write(out, new CorpusSettings(7, 6.0 / 3600, 3, 16_000,
                false), CorpusWriter.Listener.NONE));
    }

    @Test
    void heldOutCorpusHasOnlyHeldOutPairs() throws Exception {
        Path out = dir.resolve("eval");
        CorpusWriter.write(out, new CorpusSettings(7, 16.0 / 3600, 1, 16_000, true), CorpusWriter.Listener.NONE);
        ObjectMapper json = new ObjectMapper();
        int clips = 0;
        try (var files = Files.list(out)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("heldout-")
                    && f.toString().endsWith(".json")).toList()) {
                JsonNode n = json.readTree(p.toFile());
                boolean found = HeldOut.combinations().stream().anyMatch(pair -> pair.genre().label()
                        .equals(n.get("genre").asText()) && pair.lead().label().equals(n.get("lead").asText()));
                assertTrue(found, n.toString());
                clips++;
            }
        }
        assertEquals(16, clips);
    }
}
