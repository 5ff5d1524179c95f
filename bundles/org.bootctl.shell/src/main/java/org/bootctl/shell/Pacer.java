package org.bootctl.shell;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Sets the pace of a repeating command: waits until the next line is due, or until the person stops it. */
@FunctionalInterface
interface Pacer {

    /**
     * @return false when the person stopped the command (Ctrl-C in the console)
     * @throws InterruptedException when the command's thread is interrupted (Gogo ends the job, the shell stops)
     */
    boolean await() throws InterruptedException;

    /** One beat per period until {@code stop} is counted down. */
    static Pacer every(Duration period, CountDownLatch stop) {
        long ms = period.toMillis();
        return () -> !stop.await(ms, TimeUnit.MILLISECONDS);
    }
}
