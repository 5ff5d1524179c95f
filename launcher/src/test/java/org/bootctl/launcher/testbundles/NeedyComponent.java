package org.bootctl.launcher.testbundles;

/** A DS component for tests whose mandatory reference nothing satisfies. */
public class NeedyComponent {

    public void setRunner(Runnable runner) {
        // never called: no service matches
    }
}
