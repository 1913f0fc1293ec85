package studio.codebook.ui.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.device.PyTorchNative;
import studio.codebook.ui.common.TaskContext;

class EngineStartTest {

    private static final long MB = 1_000_000;

    @TempDir
    Path cache;

    record Report(double fraction, String message) {}

    /** Records progress and opens {@code seen} once a report with this fraction arrives. */
    static final class Recorder implements TaskContext {
        final List<Report> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch seen = new CountDownLatch(1);
        final double awaited;

        Recorder(double awaited) {
            this.awaited = awaited;
        }

        @Override
        public void progress(double fraction, String message) {
            reports.add(new Report(fraction, message));
            if (Math.abs(fraction - awaited) < 1e-9) {
                seen.countDown();
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    private static PyTorchNative build() {
        return new PyTorchNative("2.7.1-20250812", "cpu", "linux-x86_64", List.of("libc10.so", "libtorch.so"), 400 * MB);
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    @Test
    void reportsTheUnpackedBytesThenLoadingThenReady() throws Exception {
        PyTorchNative build = build();
        Recorder ctx = new Recorder(0.25);
        // a stand-in for DJL: 100 of 400 MB in its temporary folder, waits to be seen, then finishes
        Runnable djl = () -> {
            try {
                Path temp = Files.createDirectories(cache.resolve("tmp42"));
                sparse(temp.resolve("libc10.so"), 100 * MB);
                assertTrue(ctx.seen.await(10, TimeUnit.SECONDS), "the quarter was never reported");
                Files.move(temp, build.folder(cache));
                sparse(build.folder(cache).resolve(System.mapLibraryName("torch")), 300 * MB);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        new EngineStart(build, cache, djl).run(ctx);

        assertTrue(ctx.reports.contains(new Report(0.25, "Unpacking PyTorch: 100 of 400 MB")), ctx.reports.toString());
        assertEquals(new Report(1, "Ready"), ctx.reports.get(ctx.reports.size() - 1));
        double last = -1;
        for (Report r : ctx.reports) {
            if (r.fraction() >= 0 && r.fraction() < 1) {
                assertTrue(r.fraction() >= last, "progress went back: " + ctx.reports);
                last = r.fraction();
            }
        }
    }

    @Test
    void theEnginesErrorReachesTheTask() {
        IllegalStateException failure = new IllegalStateException("No space left on device");
        EngineStart start = new EngineStart(build(), cache, () -> {
            throw failure;
        });
        Exception thrown = assertThrows(Exception.class, () -> start.run(new Recorder(2)));
        assertSame(failure, thrown);
    }

    @Test
    void messagesSayWhatIsHappening() {
        assertEquals("Unpacking PyTorch: 0 of 448 MB", EngineStart.message(0, 448_069_000));
        assertEquals("Unpacking PyTorch: 224 of 448 MB", EngineStart.message(0.5, 448_069_000));
        assertEquals("Loading the engine…", EngineStart.message(1, 448_069_000));
        assertEquals("Unpacking PyTorch…", EngineStart.message(-1, 0));
    }
}
