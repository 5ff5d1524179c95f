package org.bootctl.serial.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline: real-time things are waited for, never slept on and hoped for. */
public final class Waits {

    private Waits() {
    }

    /** Polls every 5 ms until {@code condition} holds; fails naming {@code what} at the deadline. */
    public static void until(String what, long millis, BooleanSupplier condition) {
        until(() -> what, millis, condition);
    }

    /** As above, with {@code what} worked out only at the deadline (to name the state then). */
    public static void until(Supplier<String> what, long millis, BooleanSupplier condition) {
        if (!within(millis, condition)) {
            throw new AssertionError("timed out after " + millis + " ms waiting for " + what.get());
        }
    }

    /** @return whether {@code condition} held before the deadline */
    public static boolean within(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
