package org.bootctl.launcher.runtime;

import static org.bootctl.launcher.runtime.AuditFile.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.launcher.runtime.AuditFile.Line;
import org.bootctl.launcher.testing.TestBundles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * The deploy folder's allow-list (variable {@code deploy-allow}) in a real Felix running the
 * simulator feature: an allowed jar is installed; any other is refused in one log line and an
 * audit event, never installed (not even for a moment), and left where it is. Waits poll with
 * deadlines.
 */
class DeployAllowListIT {

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

    private Path stranger(String symbolicName) throws Exception {
        return TestBundles.bundle(symbolicName).header("Bundle-Version", "2.0.0")
                .writeTo(rig.made(symbolicName + ".jar"));
    }

    @Test
    void onlyAllowedBundlesAreInstalledAndAnyOtherIsRefusedLoggedAuditedAndLeftInPlace() throws Exception {
        Files.createDirectories(data.resolve(HotDeploy.FOLDER));
        Path early = Files.copy(stranger("org.evil.early"), data.resolve(HotDeploy.FOLDER).resolve("early.jar"));
        rig.start(Map.of("deploy-allow", "org.bootctl.example.*, com.acme.driver"));

        // a jar lying there at start: FileInstall's first scan asks the guard already
        Line refusedEarly = rig.audit.await("the early jar refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.evil.early"), DeployRig.DEADLINE);
        assertEquals("deploy/early.jar", refusedEarly.details().get("file"));
        assertEquals("2.0.0", refusedEarly.details().get("version"));
        assertEquals("org.bootctl.example.*, com.acme.driver", refusedEarly.details().get("allow"));
        assertEquals("bootctl deploy: refused org.evil.early 2.0.0 from deploy/early.jar: symbolic name org.evil.early"
                + " is not on the allow-list (org.bootctl.example.*, com.acme.driver); the file stays where it is",
                rig.logLine("bootctl deploy: refused org.evil.early"));
        assertEquals("bootctl deploy: the deploy folder takes only bundles named org.bootctl.example.*, com.acme.driver",
                rig.logged.get(0), "what it takes, said once at start");
        assertTrue(rig.logged.stream().noneMatch(l -> l.contains("accepts any bundle")));
        assertTrue(rig.bundle("org.evil.early").isEmpty(), "never installed");
        assertTrue(rig.audit.lines().stream().noneMatch(l -> l.subject().equals("org.evil.early")
                && !l.action().equals(AuditEvent.BUNDLE_REFUSED)), "the audit log saw no install either");
        assertTrue(Files.isRegularFile(early), "left in place");

        // while it runs: an allowed and a refused jar; every install the framework makes is watched
        List<String> installs = new CopyOnWriteArrayList<>();
        rig.runtime.context().addBundleListener((SynchronousBundleListener) event -> {
            if (event.getType() == BundleEvent.INSTALLED) {
                installs.add(event.getBundle().getSymbolicName());
            }
        });
        Path late = rig.deploy(stranger("org.evil.late"), "late.jar");
        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        rig.deploy(example, "ripple.jar");

        Line installed = rig.audit.await("the allowed jar installed",
                is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER, EXAMPLE_BUNDLE), DeployRig.DEADLINE);
        assertEquals("deploy/ripple.jar", installed.details().get("file"));
        Line refusedLate = rig.audit.await("the late jar refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.evil.late"), DeployRig.DEADLINE);
        assertEquals("deploy/late.jar", refusedLate.details().get("file"));
        rig.logLine("bootctl deploy: refused org.evil.late 2.0.0 from deploy/late.jar: symbolic name org.evil.late");
        assertEquals(List.of(EXAMPLE_BUNDLE), installs, "only the allowed jar was ever installed");
        assertTrue(rig.bundle(EXAMPLE_BUNDLE).isPresent());
        assertTrue(rig.bundle("org.evil.late").isEmpty());
        assertTrue(Files.isRegularFile(late), "left in place");
        assertEquals(1, rig.logged.stream().filter(l -> l.startsWith("bootctl deploy: refused org.evil.late")).count(),
                "one line per refusal");
    }

    @Test
    void withoutAListTheDeployFolderTakesAnyBundleAndSaysSoOnceAtStart() throws Exception {
        rig.start(Map.of());
        String warning = rig.logLine("bootctl deploy: the deploy folder accepts any bundle");
        assertTrue(warning.contains("--var deploy-allow="), "says how to restrict it: " + warning);
        assertEquals(1, rig.logged.size(), "one line: " + rig.logged);
        assertTrue(rig.logged.stream().noneMatch(l -> l.contains("takes only")));

        rig.deploy(stranger("org.other.thing"), "other.jar");
        rig.audit.await("any bundle installed", is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER, "org.other.thing"),
                DeployRig.DEADLINE);
        assertTrue(rig.bundle("org.other.thing").isPresent());
        assertTrue(rig.audit.lines().stream().noneMatch(l -> l.action().equals(AuditEvent.BUNDLE_REFUSED)));
    }

    @Test
    void evenWithEveryNameAllowedAJarNamedLikeABundleOfTheUnitIsRefused() throws Exception {
        rig.start(Map.of());
        Bundle engine = rig.bundle("org.bootctl.engine").orElseThrow();
        long lastModified = engine.getLastModified();
        Path jar = rig.deploy(stranger("org.bootctl.engine"), "engine.jar");

        Line refused = rig.audit.await("the engine look-alike refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.bootctl.engine"), DeployRig.DEADLINE);
        assertTrue(refused.details().get("reason").contains("bundles this unit was started with"), refused.toString());
        String line = rig.logLine("bootctl deploy: refused org.bootctl.engine 2.0.0 from deploy/engine.jar");
        assertTrue(line.contains("only adds bundles"), line);
        assertTrue(Files.exists(jar), "left in place");
        assertEquals(1, Arrays.stream(rig.runtime.context().getBundles())
                .filter(b -> "org.bootctl.engine".equals(b.getSymbolicName())).count(), "no second engine");
        assertEquals(Bundle.ACTIVE, engine.getState());
        assertEquals(lastModified, engine.getLastModified(), "the running engine was not updated");
    }

    @Test
    void aRefusedJarReplacedByAnAllowedOneUnderTheSameNameIsInstalled() throws Exception {
        rig.start(Map.of("deploy-allow", "org.bootctl.example.*"));
        rig.deploy(stranger("org.evil.swap"), "swap.jar");
        rig.audit.await("the first jar refused", is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.evil.swap"),
                DeployRig.DEADLINE);

        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        rig.deploy(example, "swap.jar");
        Line installed = rig.audit.await("the allowed jar installed in its place",
                is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER, EXAMPLE_BUNDLE), DeployRig.DEADLINE);
        assertEquals("deploy/swap.jar", installed.details().get("file"));
        assertTrue(rig.bundle(EXAMPLE_BUNDLE).isPresent());
        assertTrue(rig.bundle("org.evil.swap").isEmpty());
    }

    /**
     * deploy/ deleted and made again while bootctl runs (a clean-up script, a restore): the jars put
     * into the new folder are still watched, installed when allowed and refused when not.
     */
    @Test
    void aDeployFolderDeletedAndMadeAgainWhileRunningIsStillWatched() throws Exception {
        rig.start(Map.of("deploy-allow", "org.bootctl.example.*"));
        Path folder = data.resolve(HotDeploy.FOLDER);
        Files.delete(folder);
        Files.createDirectory(folder);
        rig.deploy(stranger("org.evil.late"), "late.jar");
        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        rig.deploy(example, "ripple.jar");
        rig.audit.await("the allowed jar installed from the new folder",
                is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER, EXAMPLE_BUNDLE), DeployRig.DEADLINE);
        rig.audit.await("the other refused", is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.evil.late"),
                DeployRig.DEADLINE);
        assertTrue(rig.bundle("org.evil.late").isEmpty());
    }

    @Test
    void anAllowedJarOverwrittenByABundleNotOnTheListNeverRunsIt() throws Exception {
        overwrittenAllowedJarNeverRuns();
    }

    /**
     * FileInstall watches the deploy folder by its canonical path: with the data folder given through
     * a symbolic link (a board's /var/lib/bootctl linked to a bigger disk), its bundles are still the
     * deploy folder's, so the guard still keeps an overwritten one from running.
     */
    @Test
    void withTheDataFolderReachedThroughASymbolicLinkAnOverwrittenJarStillNeverRuns() throws Exception {
        rig.close();
        Path disk = Files.createDirectories(data.resolve("disk"));
        rig = new DeployRig(Files.createSymbolicLink(data.resolve("link"), disk));
        overwrittenAllowedJarNeverRuns();
    }

    private void overwrittenAllowedJarNeverRuns() throws Exception {
        rig.start(Map.of("deploy-allow", "org.bootctl.example.*"));
        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        Path jar = rig.deploy(example, "ripple.jar");
        rig.audit.await("the allowed jar installed", is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER, EXAMPLE_BUNDLE),
                DeployRig.DEADLINE);
        Bundle installed = rig.bundle(EXAMPLE_BUNDLE).orElseThrow();

        // FileInstall asks only the handler it chose at first about a file's later versions: it updates the bundle
        Path overwritten = rig.deploy(stranger("org.evil.swap"), "ripple.jar");
        Files.setLastModifiedTime(overwritten, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 2000));
        Line refused = rig.audit.await("the new content refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.evil.swap"), DeployRig.DEADLINE);
        assertEquals("deploy/ripple.jar", refused.details().get("file"));
        rig.logLine("bootctl deploy: refused org.evil.swap 2.0.0 from deploy/ripple.jar: symbolic name org.evil.swap is not"
                + " on the allow-list (org.bootctl.example.*); it replaced the bundle installed from there and is kept"
                + " from resolving");
        assertEquals("org.evil.swap", installed.getSymbolicName(), "FileInstall updated the bundle");
        assertEquals(Bundle.INSTALLED, installed.getState(), "but it never resolved, so none of its code ran");
    }
}
