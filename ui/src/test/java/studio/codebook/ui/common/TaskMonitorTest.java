package studio.codebook.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskMonitorTest {

    @Test
    void theRunningTaskIsShownAndTheOriginalCallbacksStillRun() {
        TaskMonitor monitor = new TaskMonitor(new CurrentThreadTaskExecutor());
        List<String> seen = new ArrayList<>();
        monitor.execute(BackgroundTask.of("Encoding", ctx -> {
            seen.add("busy=" + monitor.busy().get() + " title=" + monitor.title().get());
            ctx.progress(0.5, "half");
            seen.add("progress=" + monitor.progress().get() + " message=" + monitor.message().get());
            return 42;
        }).onProgress((f, m) -> seen.add("onProgress " + f))
                .onSuccess(v -> seen.add("success " + v))
                .onFinished(() -> seen.add("finished")));
        assertEquals(List.of("busy=true title=Encoding", "onProgress 0.5", "progress=0.5 message=half", "success 42",
                "finished"), seen);
        assertFalse(monitor.busy().get());
        assertEquals("", monitor.title().get());
    }

    @Test
    void failuresAreKeptForTheStatusBarAndCancelReachesTheShownTask() {
        TaskMonitor monitor = new TaskMonitor(new CurrentThreadTaskExecutor());
        List<Throwable> failures = new ArrayList<>();
        monitor.execute(BackgroundTask.of("Loading", ctx -> {
            throw new IllegalStateException("no such file");
        }).onFailure(failures::add));
        assertEquals(1, failures.size());
        assertEquals("Loading: no such file", monitor.lastError().get());

        List<String> outcome = new ArrayList<>();
        monitor.execute(BackgroundTask.of("Long", ctx -> {
            monitor.cancelShown();
            assertTrue(ctx.isCancelled());
            ctx.checkCancelled();
            return 1;
        }).onCancelled(() -> outcome.add("cancelled")).onSuccess(v -> outcome.add("success")));
        assertEquals(List.of("cancelled"), outcome);
    }
}
