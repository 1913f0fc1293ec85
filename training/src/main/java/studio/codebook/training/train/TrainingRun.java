package studio.codebook.training.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs a {@link Trainer} to its last step on a background thread, with {@link #pause()},
 * {@link #resume()} and {@link #cancel()} taking effect at the next step boundary.
 *
 * <p>After each step: a progress event and a "step" line in {@code metrics.jsonl}; every
 * {@code validateEvery} steps (and at the end) a validation, and when it is the best so far a checkpoint
 * (so the best model is always on disk); every {@code checkpointEvery} steps (and at the end or on cancel) a
 * checkpoint. When the run ends, completed or cancelled, {@code runDir/model} receives the model with its
 * provenance. An exception ends the run and is rethrown by {@link #await()}. The run closes its metrics
 * log; closing the trainer stays with the caller.
 */
public final class TrainingRun {

    private final Trainer trainer;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final FutureTask<TrainingResult> task;
    private boolean paused;
    private boolean cancelled;
    private Thread thread;

    public TrainingRun(Trainer trainer) {
        this.trainer = trainer;
        this.task = new FutureTask<>(this::run);
    }

    public TrainingRun addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Starts the background thread (once). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the run has already been started");
        }
        thread = new Thread(task, "training-" + trainer.kind());
        thread.setDaemon(true);
        thread.start();
    }

    /** Holds the run after the current step. */
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    /** Lets a paused run continue. */
    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    /** Stops after the current step, writing a checkpoint and the model (also from a paused run). */
    public void cancel() {
        synchronized (lock) {
            cancelled = true;
            lock.notifyAll();
        }
    }

    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Waits for the end of the run. */
    public TrainingResult await() throws InterruptedException, TrainingException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new TrainingException("training failed at step " + trainer.step() + ": " + cause.getMessage(), cause);
        }
    }

    /** Runs on the calling thread instead (for command-line use). */
    public TrainingResult runHere() throws InterruptedException, TrainingException {
        synchronized (this) {
            if (thread != null) {
                throw new IllegalStateException("the run has already been started");
            }
            thread = Thread.currentThread();
        }
        task.run();
        return await();
    }

    private TrainingResult run() throws IOException, InterruptedException {
        int total = trainer.totalSteps();
        OptimizerSettings s = trainer.settings();
        boolean stopped = false;
        try (MetricsLog metrics = new MetricsLog(trainer.runDir())) {
            long windowStart = System.nanoTime();
            int windowSteps = 0;
            double stepsPerSecond = 0;
            while (trainer.step() < total) {
                if (waitWhilePaused()) {
                    stopped = true;
                    break;
                }
                Trainer.StepResult r = trainer.trainStep();
                windowSteps++;
                double seconds = (System.nanoTime() - windowStart) / 1e9;
                stepsPerSecond = windowSteps / Math.max(seconds, 1e-9);
                if (windowSteps >= 20) {
                    windowStart = System.nanoTime();
                    windowSteps = 0;
                }
                double eta = (total - r.step()) / Math.max(stepsPerSecond, 1e-9);
                Map<String, Object> line = new java.util.LinkedHashMap<>(r.losses());
                line.put("skipped", r.skipped());
                line.put("skippedSteps", trainer.skippedSteps());
                line.put("stepsPerSecond", stepsPerSecond);
                metrics.write("step", r.step(), line);
                TrainingProgress progress = new TrainingProgress(r.step(), total, r.losses(), stepsPerSecond, eta,
                        trainer.skippedSteps(), trainer.kind() + (r.skipped() ? ":skipped" : ""));
                listeners.forEach(l -> l.onProgress(progress));
                boolean last = r.step() == total;
                if (last || (s.validateEvery() > 0 && r.step() % s.validateEvery() == 0)) {
                    ValidationResult v = trainer.validate();
                    metrics.write("validation", v.step(), Map.of("loss", v.loss(), "metrics", v.metrics(),
                            "best", v.best()));
                    listeners.forEach(l -> l.onValidation(v));
                    if (v.best() && !last) {
                        checkpoint(metrics, "best");
                    }
                }
                if (!last && s.checkpointEvery() > 0 && r.step() % s.checkpointEvery() == 0) {
                    checkpoint(metrics, "scheduled");
                }
            }
            Path last = checkpoint(metrics, stopped ? "cancelled" : "final");
            String notes = stopped ? "cancelled at step " + trainer.step() + " of " + total
                    : "completed " + total + " steps";
            Path model = trainer.saveModel(notes);
            Map<String, Double> finalMetrics = trainer.finalMetrics();
            metrics.write("end", trainer.step(), Map.of("cancelled", stopped, "model", model.toString(),
                    "metrics", finalMetrics));
            TrainingResult result = new TrainingResult(trainer.step(), trainer.skippedSteps(), stopped, model, last,
                    finalMetrics);
            listeners.forEach(l -> l.onFinished(result));
            return result;
        }
    }

    private Path checkpoint(MetricsLog metrics, String reason) throws IOException {
        int step = trainer.step();
        if (trainer.hasCheckpointAtStep()) {
            return trainer.checkpoints().folder(step);
        }
        listeners.forEach(l -> l.onCheckpointStarted(step, reason));
        Path dir = trainer.checkpoint();
        metrics.write("checkpoint", step, Map.of("reason", reason, "folder", dir.toString()));
        CheckpointEvent event = new CheckpointEvent(step, dir, reason);
        listeners.forEach(l -> l.onCheckpoint(event));
        return dir;
    }

    /** Blocks while paused; true when the run was cancelled. */
    private boolean waitWhilePaused() throws InterruptedException {
        synchronized (lock) {
            while (paused && !cancelled) {
                lock.wait();
            }
            return cancelled;
        }
    }
}
