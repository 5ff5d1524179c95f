package org.bootctl.launcher.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way the integration tests wait: polling with a deadline. Real time is noisy, so tests
 * wait for a condition, never for a time; at the deadline the test fails, naming what it waited for.
 */
public final class Waits {

    private Waits() {
    }

    public static void until(String what, long timeoutMillis, BooleanSupplier condition) {
        until(() -> what, timeoutMillis, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(() -> what, timeout.toMillis(), condition);
    }

    /** As {@link #until(String, long, BooleanSupplier)}, what it waited for told as of the deadline. */
    public static void until(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout.toMillis(), condition);
    }

    /** As {@link #until(String, long, BooleanSupplier)}, what it waited for told as of the deadline. */
    public static void until(Supplier<String> what, long timeoutMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + timeoutMillis + " ms: " + what.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what.get());
            }
        }
    }
}
