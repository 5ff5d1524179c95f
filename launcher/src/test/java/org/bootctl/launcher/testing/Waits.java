package org.bootctl.launcher.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
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
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long pause = 10;
        while (!holds(what, condition)) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + timeoutMillis + " ms: " + what.get());
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(50, pause * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what.get());
            }
        }
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
