package studio.codebook.engine;

import java.lang.management.ManagementFactory;
import java.util.function.ToLongFunction;

/**
 * The checks every fuzz target of the engine shares: what may escape a reader of untrusted files, and how
 * much memory it may take. The fuzz tests (Jazzer {@code @FuzzTest}) call a reader with the fuzzer's bytes
 * and hand the outcome to these methods; a failed check is an {@link AssertionError}, which Jazzer records
 * as a finding and saves the input for.
 */
public final class FuzzProperty {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private FuzzProperty() {
    }

    /** A read of untrusted input. */
    @FunctionalInterface
    public interface Read<T> {
        T run() throws Exception;
    }

    private record Outcome<T>(T value, long allocated) {
    }

    /**
     * Runs {@code read} and checks the three properties: it returns or throws one of the {@code allowed}
     * types, a typed exception wraps no unchecked exception of our own code, and it allocates at most
     * {@code budget(result)} bytes (result null when it threw). A read over budget is repeated once and the
     * repeat is judged: the first read of a kind loads classes and fills caches, which is not the input's
     * doing.
     *
     * @return what the read returned, or null when it threw an allowed exception
     */
    @SafeVarargs
    public static <T> T check(String what, Read<T> read, ToLongFunction<T> budget,
            Class<? extends Throwable>... allowed) {
        Outcome<T> first = attempt(read, allowed);
        if (first.allocated > budget.applyAsLong(first.value)) {
            Outcome<T> again = attempt(read, allowed);
            withinBudget(again.allocated, budget.applyAsLong(again.value), what);
        }
        return first.value;
    }

    @SafeVarargs
    private static <T> Outcome<T> attempt(Read<T> read, Class<? extends Throwable>... allowed) {
        long before = allocatedBytes();
        T value = null;
        try {
            value = read.run();
        } catch (Throwable t) {
            allowed(t, allowed);
            notOurBug(t);
        }
        return new Outcome<>(value, allocatedBytes() - before);
    }

    /** Bytes the current thread has allocated on the heap so far. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Fails unless {@code thrown} is an instance of one of the allowed types. An error (OutOfMemoryError,
     * StackOverflowError) or an unchecked exception is always a finding.
     */
    @SafeVarargs
    public static void allowed(Throwable thrown, Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(thrown)) {
                return;
            }
        }
        throw new AssertionError("a reader of untrusted input threw " + thrown, thrown);
    }

    /**
     * Fails when the cause chain holds an unchecked exception or error that was thrown by our own code: a
     * reader may wrap a decoder library's runtime exception into a typed one (the library is not ours to
     * fix), but our own parsing must check its input rather than run into an index or arithmetic error.
     */
    public static void notOurBug(Throwable thrown) {
        for (Throwable t = thrown.getCause(); t != null; t = t.getCause()) {
            if (t instanceof RuntimeException || t instanceof Error) {
                StackTraceElement origin = firstNonJdkFrame(t);
                if (origin != null && origin.getClassName().startsWith("studio.codebook.")) {
                    throw new AssertionError("our own code threw " + t + " at " + origin
                            + " (wrapped as " + thrown.getClass().getSimpleName() + ")", t);
                }
            }
        }
    }

    /**
     * Fails when reading allocated more than {@code budget} bytes: the allocation must follow what the input
     * holds (its length, what it decodes to), never what a header claims.
     */
    public static void withinBudget(long allocated, long budget, String what) {
        if (allocated > budget) {
            throw new AssertionError(what + " allocated " + allocated / 1024 + " KiB, more than its budget of "
                    + budget / 1024 + " KiB");
        }
    }

    private static StackTraceElement firstNonJdkFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return e;
            }
        }
        return null;
    }
}
