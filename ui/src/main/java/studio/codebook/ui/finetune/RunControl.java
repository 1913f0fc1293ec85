package studio.codebook.ui.finetune;

import java.util.concurrent.CancellationException;
import studio.codebook.training.train.TrainingRun;

/**
 * Pause, resume and cancel for a fine-tune that runs several {@link TrainingRun}s in turn (codec, then
 * language model) with scans in between: a request made between runs is applied to the next one when it
 * is attached, so pausing at the end of the codec phase holds the language model before its first step.
 * Safe from any thread.
 */
final class RunControl {

    private TrainingRun run;
    private boolean paused;
    private boolean cancelled;

    /** The run now training; it is paused or cancelled at once if that was asked before. */
    synchronized void attach(TrainingRun newRun) {
        run = newRun;
        if (cancelled) {
            newRun.cancel();
        } else if (paused) {
            newRun.pause();
        }
    }

    synchronized void detach() {
        run = null;
    }

    synchronized void pause() {
        paused = true;
        if (run != null) {
            run.pause();
        }
    }

    synchronized void resume() {
        paused = false;
        if (run != null) {
            run.resume();
        }
    }

    /** Stops at the next step boundary (a running trainer writes its checkpoint first). */
    synchronized void cancel() {
        cancelled = true;
        if (run != null) {
            run.cancel();
        }
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** Throws between phases once cancel was asked. */
    void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("fine-tune cancelled");
        }
    }
}
