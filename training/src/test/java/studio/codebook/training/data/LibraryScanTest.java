package studio.codebook.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryScanTest {

    @TempDir
    static Path dir;

    private static LibraryScan scanWith(int validationSegments) throws Exception {
        List<Segment> validation = new ArrayList<>();
        for (int i = 0; i < validationSegments; i++) {
            validation.add(new Segment("t" + i / 10, new float[] {i}, "caption " + i));
        }
        LibraryScan real = TrackLibrary.scan(dir, LibraryConfig.defaults(), ScanListener.NONE);
        return new LibraryScan(real.manifest(), List.of(new Segment("x", new float[1], "")), validation);
    }

    @Test
    void atMostKeepsEvenlySpacedSegmentsInOrder() throws Exception {
        LibraryScan cut = scanWith(100).withValidationAtMost(8);
        List<Float> firstSamples = cut.validation().stream().map(s -> s.samples()[0]).toList();
        assertEquals(List.of(0f, 12f, 25f, 37f, 50f, 62f, 75f, 87f), firstSamples);
        assertEquals(1, cut.training().size());
    }

    @Test
    void aScanWithFewerSegmentsIsKeptAsItIs() throws Exception {
        LibraryScan scan = scanWith(5);
        assertSame(scan, scan.withValidationAtMost(5));
        assertSame(scan, scan.withValidationAtMost(500));
        assertThrows(IllegalArgumentException.class, () -> scan.withValidationAtMost(0));
    }
}
