package studio.codebook.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.ScanListener;
import studio.codebook.training.data.SkippedFile;
import studio.codebook.training.data.TrackLibrary;
import studio.codebook.training.train.Trainer;
import studio.codebook.training.train.TrainingListener;
import studio.codebook.training.train.TrainingProgress;
import studio.codebook.training.train.TrainingResult;
import studio.codebook.training.train.TrainingRun;
import studio.codebook.training.train.ValidationResult;

/**
 * What the training commands share: scanning the user's folder with a report of what was skipped,
 * running a trainer with a progress line and a clean stop on Ctrl-C, and putting the result where the
 * user asked, atomically.
 */
final class TrainingSession {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean progress;

    TrainingSession(PrintWriter out, PrintWriter err, boolean progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    /** Segments of the given length without overlap, 10 % of the tracks for validation, −16 LUFS. */
    static LibraryConfig library(int sampleRate, double segmentSeconds, long seed) {
        LibraryConfig d = LibraryConfig.defaults();
        return new LibraryConfig(sampleRate, segmentSeconds, segmentSeconds, Math.min(d.minTrackSeconds(), segmentSeconds),
                d.validationFraction(), d.targetLufs(), d.peakCeilingDb(), seed);
    }

    /**
     * Scans the folder (read only) and writes the manifest into the run folder; validation uses at most
     * {@code maxValidation} of the held-out segments (all of them are in the manifest).
     */
    LibraryScan scan(int maxValidation, Path data, LibraryConfig config, Path runDir) throws IOException {
        if (maxValidation < 1) {
            throw new IllegalArgumentException("--max-validation must be at least 1, not " + maxValidation);
        }
        if (!Files.isDirectory(data)) {
            throw new IOException(data + ": no such folder of tracks");
        }
        ScanListener listener = new ScanListener() {
            @Override
            public void progress(int index, int total, Path file) {
                if (progress) {
                    err.printf("\rscanning %d/%d %-60.60s", index + 1, total, data.relativize(file).toString());
                    err.flush();
                }
            }
        };
        LibraryScan all = TrackLibrary.scan(data, config, listener);
        LibraryScan scan = all.withValidationAtMost(maxValidation);
        if (progress) {
            err.println();
        }
        for (SkippedFile skipped : scan.manifest().skipped()) {
            err.printf("skipped %s: %s%n", skipped.relativePath(), skipped.reason());
        }
        out.printf("%d tracks: %d training and %d validation segments of %.1f s%s; %d files skipped%n",
                scan.manifest().tracks().size(), scan.training().size(), scan.validation().size(),
                config.segmentSeconds(), scan == all ? "" : " (evenly spaced over " + all.validation().size() + ")",
                scan.manifest().skipped().size());
        if (scan.training().isEmpty()) {
            throw new IOException(data + ": no usable tracks (see the skipped files above)");
        }
        Files.createDirectories(runDir);
        scan.manifest().write(runDir.resolve("manifest.json"));
        return scan;
    }

    /** Runs the trainer to its end, or until Ctrl-C, which stops it cleanly with a checkpoint. */
    TrainingResult run(Trainer trainer, String label) throws Exception {
        TrainingRun run = new TrainingRun(trainer);
        ProgressLine line = new ProgressLine(err, label, progress);
        run.addListener(new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                line.update(p);
            }

            @Override
            public void onValidation(ValidationResult v) {
                line.clear();
                err.printf("step %d validation loss %.4f%s%s%n", v.step(), v.loss(), v.best() ? " (best)" : "",
                        codecFigures(v));
            }
        });
        Thread stopper = new Thread(() -> {
            err.println();
            err.println("stopping: writing a checkpoint ...");
            run.cancel();
            try {
                run.await();
            } catch (Exception e) {
                // the main thread reports it
            }
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            run.start();
            TrainingResult result = run.await();
            line.clear();
            out.printf("%s: %d steps%s, %d skipped as non-finite; model in %s%n", label, result.steps(),
                    result.cancelled() ? " (stopped early)" : "", result.skippedSteps(), result.model());
            result.metrics().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> out.printf(Locale.ROOT, "  %-24s %.4f%n", e.getKey(), e.getValue()));
            return result;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it owns the stop
            }
        }
    }

    /** Publishes the run's model at {@code target} (as {@link #publish(Path, Path)}) and says where it went. */
    void publish(TrainingResult result, Path target) throws IOException {
        publish(result.model(), target);
        out.printf("wrote %s%n", target);
    }

    /** Copies a model folder to {@code target}, replacing what is there only once the copy is complete. */
    static void publish(Path model, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, temp.resolve(f.getFileName()));
                }
            }
        }
        Path old = null;
        if (Files.exists(absolute)) {
            old = absolute.resolveSibling("." + absolute.getFileName() + ".old-" + System.nanoTime());
            Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A redrawn line: step, losses, speed, time left. */
    private static final class ProgressLine {
        private final PrintWriter err;
        private final String label;
        private final boolean enabled;
        private long last;
        private boolean drawn;

        ProgressLine(PrintWriter err, String label, boolean enabled) {
            this.err = err;
            this.label = label;
            this.enabled = enabled;
        }

        void update(TrainingProgress p) {
            long now = System.nanoTime();
            if (!enabled || (p.step() < p.totalSteps() && now - last < 200_000_000L)) {
                return;
            }
            last = now;
            StringBuilder losses = new StringBuilder();
            p.losses().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).limit(4)
                    .forEach(e -> losses.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(), e.getValue())));
            err.printf(Locale.ROOT, "\r%s step %d/%d%s, %.2f steps/s, %.0f s left%s ", label, p.step(), p.totalSteps(),
                    losses, p.stepsPerSecond(), p.etaSeconds(), p.skippedSteps() > 0 ? ", " + p.skippedSteps() + " skipped" : "");
            err.flush();
            drawn = true;
        }

        void clear() {
            if (drawn) {
                err.println();
                drawn = false;
            }
        }
    }

    /** A codec run's validation SI-SNR and frame-rate comb, when it reports them ("" for a language model). */
    static String codecFigures(ValidationResult v) {
        StringBuilder out = new StringBuilder();
        Double sisnr = v.metrics().get("sisnr");
        Double comb = v.metrics().get("comb");
        if (sisnr != null && Double.isFinite(sisnr)) {
            out.append(String.format(Locale.ROOT, ", SI-SNR %.2f dB", sisnr));
        }
        if (comb != null && Double.isFinite(comb)) {
            out.append(String.format(Locale.ROOT, ", frame-rate comb %.1f %%", 100 * comb));
        }
        return out.toString();
    }
}
