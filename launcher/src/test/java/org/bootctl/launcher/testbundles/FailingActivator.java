package org.bootctl.launcher.testbundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A broken bundle's activator: its start throws at once. */
public final class FailingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("test activator: no port configured");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
