package studio.codebook.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits in a TestFX test until a condition on view or view-model state holds. The condition is evaluated
 * on the FX thread, so it sees the state between two FX events, never in the middle of one (a property
 * already set while its listeners, such as a button's disable binding, are still running); once it holds,
 * the events already queued are run too, so what the test reads next is settled.
 */
public final class FxWait {

    private FxWait() {
    }

    public static void until(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
