package studio.codebook.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationSplitTest {

    private static final LibraryConfig CONFIG = new LibraryConfig(16_000, 1.0, 1.0, 0.5, 0.2, -16, -1, 77);

    @Test
    void drawsAreDeterministicAndUniformEnough() {
        List<String> hashes = hashes(2000, 1);
        int below = 0;
        for (String h : hashes) {
            double d = ValidationSplit.draw(77, h);
            assertTrue(d >= 0 && d < 1);
            assertEquals(d, ValidationSplit.draw(77, h));
            below += d < 0.2 ? 1 : 0;
        }
        assertEquals(400, below, 60);
    }

    @Test
    void addingTracksLeavesTheOthersAlone() {
        List<String> first = hashes(200, 2);
        Map<String, Split> before = ValidationSplit.assign(first, CONFIG, Map.of());
        List<String> more = new ArrayList<>(first);
        more.addAll(hashes(50, 3));
        Map<String, Split> after = ValidationSplit.assign(more, CONFIG, Map.of());
        for (String h : first) {
            assertEquals(before.get(h), after.get(h));
        }
    }

    @Test
    void smallLibrariesStillHoldOneTrackOut() {
        for (long seed = 0; seed < 50; seed++) {
            Map<String, Split> two = ValidationSplit.assign(hashes(2, seed), CONFIG.withSeed(seed), Map.of());
            assertEquals(Set.of(Split.TRAINING, Split.VALIDATION), new HashSet<>(two.values()), "seed " + seed);
        }
        assertEquals(Map.of("a".repeat(64), Split.TRAINING),
                ValidationSplit.assign(List.of("a".repeat(64)), CONFIG, Map.of()), "one track is trained on");
        LibraryConfig none = new LibraryConfig(16_000, 1.0, 1.0, 0.5, 0.0, -16, -1, 77);
        assertFalse(ValidationSplit.assign(hashes(20, 4), none, Map.of()).containsValue(Split.VALIDATION));
    }

    @Test
    void pinnedSplitsAreKept() {
        List<String> h = hashes(10, 5);
        Map<String, Split> free = ValidationSplit.assign(h, CONFIG, Map.of());
        String flipped = h.get(0);
        Split other = free.get(flipped) == Split.TRAINING ? Split.VALIDATION : Split.TRAINING;
        assertEquals(other, ValidationSplit.assign(h, CONFIG, Map.of(flipped, other)).get(flipped));
    }

    @Test
    void scansSplitByTrackDeterministicallyAndStablyAsFilesAreAdded(@TempDir Path temp) throws IOException {
        Path library = Files.createDirectories(temp.resolve("lib"));
        for (int i = 0; i < 6; i++) {
            TestFiles.wav(library.resolve("t" + i + ".wav"), TestSignals.tone(200 + 50 * i, 2.2, 16_000, 0.3), 16_000);
        }
        Files.copy(library.resolve("t0.wav"), library.resolve("copy of t0.wav"));
        LibraryScan first = TrackLibrary.scan(library, CONFIG, ScanListener.NONE);
        LibraryScan second = TrackLibrary.scan(library, CONFIG, ScanListener.NONE);
        assertEquals(splits(first.manifest()), splits(second.manifest()));
        assertEquals(first.manifest().hash(), second.manifest().hash());
        assertDisjoint(first);
        assertEquals(first.manifest().track("t0.wav").orElseThrow().split(),
                first.manifest().track("copy of t0.wav").orElseThrow().split(), "same content, same side");

        for (int added = 0; added < 4; added++) {
            TestFiles.wav(library.resolve("new" + added + ".wav"), TestSignals.tone(900 + 70 * added, 2.2, 16_000, 0.3),
                    16_000);
        }
        LibraryScan grown = TrackLibrary.scan(library, CONFIG, ScanListener.NONE, first.manifest());
        assertDisjoint(grown);
        Map<String, Split> grownSplits = splits(grown.manifest());
        splits(first.manifest()).forEach((path, split) -> assertEquals(split, grownSplits.get(path), path));
        assertEquals(11, grown.manifest().tracks().size());
    }

    private static void assertDisjoint(LibraryScan scan) {
        Set<String> training = scan.training().stream().map(Segment::trackId).collect(Collectors.toSet());
        Set<String> validation = scan.validation().stream().map(Segment::trackId).collect(Collectors.toSet());
        assertFalse(training.isEmpty());
        assertFalse(validation.isEmpty());
        training.retainAll(validation);
        assertEquals(Set.of(), training);
    }

    private static Map<String, Split> splits(Manifest m) {
        return m.tracks().stream().collect(Collectors.toMap(TrackEntry::relativePath, TrackEntry::split));
    }

    private static List<String> hashes(int n, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            out.add(java.util.HexFormat.of().formatHex(b));
        }
        return out;
    }
}
