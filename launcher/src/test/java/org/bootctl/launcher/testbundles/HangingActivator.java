package org.bootctl.launcher.testbundles;

import java.util.concurrent.locks.LockSupport;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A hostile bundle's activator: its start never returns, and it ignores being interrupted. */
public final class HangingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        while (true) {
            LockSupport.park(this);
            Thread.interrupted(); // ignored, and cleared so that the next park blocks again
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
