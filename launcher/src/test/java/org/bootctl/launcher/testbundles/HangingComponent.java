package org.bootctl.launcher.testbundles;

import java.util.concurrent.locks.LockSupport;

/** A hostile bundle's immediate DS component: its activate never returns, and it ignores being interrupted. */
public class HangingComponent {

    public void activate() {
        while (true) {
            LockSupport.park(this);
            Thread.interrupted(); // ignored, and cleared so that the next park blocks again
        }
    }
}
