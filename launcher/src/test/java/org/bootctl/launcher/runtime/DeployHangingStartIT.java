package org.bootctl.launcher.runtime;

import static org.bootctl.launcher.runtime.AuditFile.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.launcher.runtime.AuditFile.Line;
import org.bootctl.launcher.testbundles.FailingActivator;
import org.bootctl.launcher.testbundles.HangingActivator;
import org.bootctl.launcher.testbundles.HangingComponent;
import org.bootctl.launcher.testing.TestBundles;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * A bundle dropped into {@code deploy/} whose activator never returns (and ignores being
 * interrupted), in a real Felix running the simulator feature: it costs a thread of its own, is
 * said in one line and an audit event once its start has taken too long, and the jars dropped
 * after it are still installed and started. Before, its start held FileInstall's one thread, and
 * every later drop was silently ignored until a restart.
 */
class DeployHangingStartIT {

    private static final String EXAMPLE_BUNDLE = "org.bootctl.example.program";

    @TempDir
    Path data;
    private DeployRig rig;

    @BeforeEach
    void listen() {
        rig = new DeployRig(data);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    @Timeout(180)
    void aBundleWhoseStartNeverReturnsDoesNotStopTheJarsDroppedAfterIt() throws Exception {
        rig.start(Map.of());
        Path hanging = TestBundles.bundle("org.example.hang").activator(HangingActivator.class)
                .writeTo(rig.made("hang.jar"));
        rig.deploy(hanging, "a-hang.jar");
        Waits.until(() -> "org.example.hang starting; events: " + rig.events, DeployRig.DEADLINE,
                () -> rig.bundle("org.example.hang").map(b -> b.getState() == Bundle.STARTING).orElse(false));

        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        rig.deploy(example, "ripple.jar");
        Waits.until(() -> EXAMPLE_BUNDLE + " active; events: " + rig.events, DeployRig.DEADLINE,
                () -> rig.bundle(EXAMPLE_BUNDLE).map(b -> b.getState() == Bundle.ACTIVE).orElse(false));

        String line = rig.logLine("bootctl deploy: org.example.hang 1.0.0 from deploy/a-hang.jar has not finished starting");
        assertTrue(line.startsWith("bootctl deploy: org.example.hang 1.0.0 from deploy/a-hang.jar has not finished starting"
                + " within 10 s: it is stuck in org.bootctl.launcher.testbundles.HangingActivator.start("), line);
        assertTrue(line.endsWith("; it holds one thread, and the other jars in deploy/ go on. To be rid of it, stop"
                + " bootctl, remove deploy/a-hang.jar and start bootctl again (removed while it runs, the jar's uninstall"
                + " would wait for this start); tell its maker"), line);
        Line stuck = rig.audit.await("the hanging start audited",
                is(AuditEvent.BUNDLE_START_STUCK, AuditEvent.DEPLOY_FOLDER, "org.example.hang"), DeployRig.DEADLINE);
        assertEquals("deploy/a-hang.jar", stuck.details().get("file"));
        assertEquals("1.0.0", stuck.details().get("version"));
        assertEquals("10", stuck.details().get("seconds"));
        assertTrue(stuck.details().get("stuck in").startsWith("org.bootctl.launcher.testbundles.HangingActivator.start("),
                stuck.toString());
        assertEquals(Bundle.STARTING, rig.bundle("org.example.hang").orElseThrow().getState());

        // a stop: the bundle still starting cannot be stopped; the unit's own bundles, the engine with its
        // devices, stop before the framework comes to it
        rig.runtime.close();
        assertTrue(rig.events.contains("STOPPED org.bootctl.engine"), "the engine stopped: " + rig.events);
        assertTrue(rig.events.contains("STOPPED org.bootctl.sim"), "the simulator stopped: " + rig.events);
    }

    /**
     * A component whose activate never returns, and an activator that throws: the jar dropped after
     * them still starts, and the one that throws is said once, with its cause.
     */
    @Test
    @Timeout(180)
    void aComponentThatHangsOrAnActivatorThatThrowsDoesNotStopTheJarsDroppedAfterIt() throws Exception {
        rig.start(Map.of());
        rig.deploy(TestBundles.bundle("org.example.hangs.component")
                .component(HangingComponent.class, "immediate=\"true\" activate=\"activate\"", "")
                .writeTo(rig.made("component.jar")), "a-component.jar");
        rig.deploy(TestBundles.bundle("org.example.fails").activator(FailingActivator.class)
                .writeTo(rig.made("fails.jar")), "b-fails.jar");
        String failed = rig.logLine("bootctl deploy: org.example.fails 1.0.0 from deploy/b-fails.jar does not start: ");
        assertTrue(failed.endsWith("]: IllegalStateException: test activator: no port configured; it is tried again"
                + " when the deploy folder changes"), failed);

        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        rig.deploy(example, "ripple.jar");
        Waits.until(() -> EXAMPLE_BUNDLE + " active; events: " + rig.events, DeployRig.DEADLINE,
                () -> rig.bundle(EXAMPLE_BUNDLE).map(b -> b.getState() == Bundle.ACTIVE).orElse(false));
        Waits.until(() -> EXAMPLE_BUNDLE + "'s components registered their services", DeployRig.DEADLINE,
                () -> rig.bundle(EXAMPLE_BUNDLE).map(b -> b.getRegisteredServices() != null).orElse(false));
        assertEquals(1, rig.lines("bootctl deploy: org.example.fails").size(),
                "said once, though tried again when ripple.jar came: " + rig.logged);
        String stuck = rig.logLine("bootctl deploy: org.example.hangs.component 1.0.0 from deploy/a-component.jar has not"
                + " finished starting within 10 s: it is stuck in");
        assertTrue(stuck.contains("HangingComponent.activate("), stuck);
    }
}
