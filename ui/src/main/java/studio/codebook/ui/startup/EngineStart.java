package studio.codebook.ui.startup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.device.PyTorchNative;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.TaskContext;

/**
 * Starts the PyTorch engine in the background on a first start, reporting how far DJL has come with
 * unpacking the native library: the bytes in its temporary folder against the sizes of the library files
 * in the jar, so the progress is measured, not guessed. Once the files are in place, loading them takes a
 * few seconds more and is shown as indeterminate.
 */
public final class EngineStart {

    /** How often the unpacked bytes are counted. */
    private static final long POLL_MILLIS = 200;

    private final PyTorchNative nativeBuild;
    private final Path cache;
    private final Runnable starter;

    /**
     * @param nativeBuild the build being unpacked
     * @param cache DJL's PyTorch cache folder
     * @param starter starts the engine (blocks until it is ready); it runs on its own thread
     */
    public EngineStart(PyTorchNative nativeBuild, Path cache, Runnable starter) {
        this.nativeBuild = Objects.requireNonNull(nativeBuild);
        this.cache = Objects.requireNonNull(cache);
        this.starter = Objects.requireNonNull(starter);
    }

    /** The engine start to show, when this start has to unpack the native library first; empty otherwise. */
    public static Optional<EngineStart> ifFirstStart() {
        return PyTorchNative.toExtract()
                .map(n -> new EngineStart(n, PyTorchNative.cacheFolder(), ComputeDevice::engine));
    }

    /** A task that starts the engine and reports progress; it fails with the engine's own error. */
    public BackgroundTask<Void> task() {
        return BackgroundTask.of("Preparing the audio engine", ctx -> {
            run(ctx);
            return null;
        });
    }

    void run(TaskContext ctx) throws Exception {
        CompletableFuture<Void> started = CompletableFuture.runAsync(starter, r -> {
            Thread t = new Thread(r, "engine-start");
            t.setDaemon(true);
            t.start();
        });
        while (true) {
            double fraction = nativeBuild.fractionExtracted(cache);
            ctx.progress(fraction >= 1 ? -1 : fraction, message(fraction, nativeBuild.bytes()));
            try {
                started.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                ctx.progress(1, "Ready");
                return;
            } catch (TimeoutException e) {
                // still starting: report again
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /**
     * The line under the progress bar.
     *
     * @param fraction unpacked so far, 0..1, 1 when done, negative when not measurable
     * @param bytes the total size, bytes
     */
    static String message(double fraction, long bytes) {
        long totalMb = Math.round(bytes / 1e6);
        if (fraction >= 1) {
            return "Loading the engine…";
        }
        if (fraction < 0) {
            return "Unpacking PyTorch…";
        }
        return String.format(Locale.ROOT, "Unpacking PyTorch: %d of %d MB", Math.round(fraction * bytes / 1e6),
                totalMb);
    }
}
