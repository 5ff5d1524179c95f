package org.bootctl.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way the integration tests wait: polling with a deadline. Real time is noisy, so tests
 * wait for a condition, never for a time; at the deadline the test fails, naming what it waited for.
 * It looks again after 10 ms, then less often, at most every 50 ms: quick for what comes at once,
 * and within the web API's rate limit for a condition that asks over HTTP.
 */
public final class Waits {

    /** What is waited for; it may read a file or ask over HTTP, and what it throws ends the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** What is polled for a value; it may read a file or ask over HTTP, and what it throws ends the wait. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Waits() {
    }

    public static void until(String what, long timeoutMillis, Condition condition) {
        until(() -> what, timeoutMillis, condition);
    }

    public static void until(String what, Duration timeout, Condition condition) {
        until(() -> what, timeout.toMillis(), condition);
    }

    /** As {@link #until(String, long, Condition)}, what it waited for told as of the deadline. */
    public static void until(Supplier<String> what, Duration timeout, Condition condition) {
        until(what, timeout.toMillis(), condition);
    }

    /** As {@link #until(String, long, Condition)}, what it waited for told as of the deadline. */
    public static void until(Supplier<String> what, long timeoutMillis, Condition condition) {
        if (!poll(what, timeoutMillis, condition)) {
            fail("not within " + timeoutMillis + " ms: " + what.get());
        }
    }

    /**
     * Waits until {@code condition} holds or the deadline passes, and says which: for a test that
     * judges the outcome itself with a fuller message (a table, every record), or that waits for
     * something to settle which may not come at all before it checks what must not have happened.
     */
    public static boolean holdsWithin(String what, Duration timeout, Condition condition) {
        return poll(() -> what, timeout.toMillis(), condition);
    }

    private static boolean poll(Supplier<String> what, long timeoutMillis, Condition condition) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long pause = 10;
        while (!holds(what, condition)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(50, pause * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what.get());
            }
        }
        return true;
    }

    /**
     * Polls {@code probe} until what it returns satisfies {@code done}, and returns that; at the
     * deadline fails naming what it waited for and the last value seen.
     */
    public static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done) {
        return until(what, timeout, probe, done, String::valueOf);
    }

    /** As {@link #until(String, Duration, Probe, Predicate)}, the last value told by {@code describe}. */
    public static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done,
            Function<? super T, String> describe) {
        AtomicReference<T> last = new AtomicReference<>();
        until(() -> what + " (last: " + describe.apply(last.get()) + ")", timeout.toMillis(), () -> {
            last.set(probe.get());
            return done.test(last.get());
        });
        return last.get();
    }

    private static boolean holds(Supplier<String> what, Condition condition) {
        try {
            return condition.holds();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what.get(), e);
        } catch (Exception e) {
            throw new AssertionError("waiting for " + what.get() + ": " + e, e);
        }
    }
}
