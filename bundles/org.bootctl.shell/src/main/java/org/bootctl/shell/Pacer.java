package org.bootctl.shell;

import java.time.Duration;

/** Sets the pace of a repeating command: waits until the next line is due. */
@FunctionalInterface
interface Pacer {

    /** @throws InterruptedException when the command is interrupted (Ctrl-C in the console) */
    void await() throws InterruptedException;

    static Pacer every(Duration period) {
        long ms = period.toMillis();
        return () -> Thread.sleep(ms);
    }
}
