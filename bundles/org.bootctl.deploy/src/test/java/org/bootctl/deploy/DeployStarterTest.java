package org.bootctl.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a start that does not return is stuck, as the line and the audit record name it. */
class DeployStarterTest {

    private static StackTraceElement frame(String type, String method, String file, int line) {
        return new StackTraceElement(type, method, file, line);
    }

    @Test
    void theInnermostFrameOfThePluginsOwnCodeIsNamed() {
        StackTraceElement[] stack = {
            frame("jdk.internal.misc.Unsafe", "park", null, -2),
            frame("java.util.concurrent.locks.LockSupport", "park", "LockSupport.java", 211),
            frame("com.acme.x6.Activator", "waitForPort", "Activator.java", 40),
            frame("com.acme.x6.Activator", "start", "Activator.java", 12),
            frame("org.apache.felix.framework.SecureAction", "startActivator", "SecureAction.java", 716),
            frame("org.apache.felix.framework.Felix", "startBundle", "Felix.java", 2469),
            frame("org.bootctl.deploy.DeployStarter", "start", "DeployStarter.java", 120),
            frame("java.lang.Thread", "run", "Thread.java", 833)};
        assertEquals("com.acme.x6.Activator.waitForPort(Activator.java:40)", DeployStarter.stuckIn(stack));
    }

    @Test
    void withoutPluginCodeOnTheStackItsInnermostFrameIsNamed() {
        StackTraceElement[] stack = {
            frame("java.lang.Object", "wait", null, -1),
            frame("org.apache.felix.framework.Felix", "acquireBundleLock", "Felix.java", 5000)};
        assertEquals("java.lang.Object.wait(unknown source)", DeployStarter.stuckIn(stack));
        assertEquals("(no stack: it has just returned)", DeployStarter.stuckIn(new StackTraceElement[0]));
    }

    @Test
    void aClassNamedInMegabytesIsCut() {
        String name = "com.acme." + "x".repeat(100_000);
        String where = DeployStarter.stuckIn(new StackTraceElement[] {frame(name, "start", "A.java", 1)});
        assertTrue(where.length() < 600, where.length() + " characters");
        assertTrue(where.endsWith(" more characters)"), where);
    }

    @Test
    void aFailedStartIsSaidWithWhatItsActivatorThrewInOneLine() {
        Exception e = new org.osgi.framework.BundleException("Activator start error in bundle x [19].",
                new IllegalStateException("no port\nconfigured"));
        assertEquals("Activator start error in bundle x [19]: IllegalStateException: no port configured",
                DeployStarter.oneLine(e));
        assertTrue(DeployStarter.oneLine(new IllegalStateException("x".repeat(100_000))).length() < 1100);
    }
}
