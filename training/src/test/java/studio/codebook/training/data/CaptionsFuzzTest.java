package studio.codebook.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing (Jazzer) of what a library scan reads besides audio: the caption sidecars
 * ({@code song.txt}, {@code song.json}) and the manifest ({@link Manifest#read}). Seeds and reproducers are in
 * {@code src/test/resources/studio/codebook/training/data/CaptionsFuzzTestInputs/<target>/}; under
 * {@code mvn verify} only they run, with {@code JAZZER_FUZZ=1} Jazzer mutates them (README: "Fuzzing").
 *
 * <p>For any bytes:
 * <ul>
 *   <li>a sidecar never throws: it gives a caption with non-blank text, or nothing and a warning that names
 *   the file (the caption then comes from tags or analysis);</li>
 *   <li>a manifest reads or throws {@link ManifestException} (an IOException saying "not a valid library
 *   manifest" and why), nothing else; what reads is written back by {@link Manifest#toJson} and reads again
 *   as an equal manifest with the same hash;</li>
 *   <li>no read allocates more than 8 MiB plus 64 bytes per input byte;</li>
 *   <li>each input takes at most 10 s.</li>
 * </ul>
 * The engine's readers have the same checks ({@code studio.codebook.engine.FuzzProperty}); this module cannot
 * see the engine's test classes, so the few lines it needs are here.
 */
class CaptionsFuzzTest {

    private static final long BASE_BUDGET = 8L << 20;
    private static final Path DIR = tempDir();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void captionTxt(byte[] data) throws IOException {
        Path file = DIR.resolve("song.txt");
        Files.write(file, data);
        List<String> warnings = new ArrayList<>();
        Optional<Caption> caption = withinBudget(data.length, () -> TrackCaptions.fromTxt(file, warnings));
        checkSidecar(caption, warnings);
    }

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void captionJson(byte[] data) throws IOException {
        Path file = DIR.resolve("song.json");
        Files.write(file, data);
        List<String> warnings = new ArrayList<>();
        Optional<Caption> caption = withinBudget(data.length, () -> TrackCaptions.fromJson(file, warnings));
        checkSidecar(caption, warnings);
    }

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void manifest(byte[] data) throws IOException {
        Path file = DIR.resolve("manifest.json");
        Files.write(file, data);
        Manifest manifest = withinBudget(data.length, () -> {
            try {
                return Manifest.read(file);
            } catch (ManifestException e) {
                return null;
            }
        });
        if (manifest != null) {
            Manifest again = Manifest.fromJson(manifest.toJson(), "again");
            assertEquals(manifest, again, "a manifest does not read back as it was written");
            assertEquals(manifest.hash(), again.hash());
        }
    }

    private static void checkSidecar(Optional<Caption> caption, List<String> warnings) {
        if (caption.isPresent()) {
            assertFalse(caption.get().text().isBlank(), "a blank caption");
        } else if (warnings.isEmpty() || !warnings.get(0).contains("song.")) {
            throw new AssertionError("a sidecar was passed over without a warning naming it: " + warnings);
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T run() throws IOException;
    }

    /**
     * Runs the read, which may throw nothing but the exceptions it catches itself: anything escaping is a
     * finding. A read over budget is repeated and the repeat is judged (the first read of a kind loads classes).
     */
    private static <T> T withinBudget(int inputLength, Read<T> read) throws IOException {
        long budget = BASE_BUDGET + 64L * inputLength;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        T value = read.run();
        if (THREADS.getCurrentThreadAllocatedBytes() - before > budget) {
            before = THREADS.getCurrentThreadAllocatedBytes();
            read.run();
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (allocated > budget) {
                throw new AssertionError("reading " + inputLength + " bytes allocated " + allocated / 1024
                        + " KiB, more than its budget of " + budget / 1024 + " KiB");
            }
        }
        return value;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("captions-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
