package org.bootctl.launcher.serial;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline: real time is noisy, so tests wait for a condition, never for a time. */
final class Waits {

    private Waits() {
    }

    static void until(String what, long timeoutMillis, BooleanSupplier condition) {
        until(() -> what, timeoutMillis, condition);
    }

    static void until(Supplier<String> what, long timeoutMillis, BooleanSupplier condition) {
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
