package org.bootctl.launcher.runtime;

import static org.bootctl.launcher.runtime.AuditFile.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.runtime.AuditFile.Line;
import org.bootctl.launcher.testing.TestBundles;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * deploy/ only adds bundles, whatever the allow-list says: a fragment (which would restart its
 * host), a copy of the API or any bundle exporting a package the unit exports, and a jar that is
 * not a bundle are refused in one line naming the jar and an audit record each, and never
 * installed. The simulator feature in a real Felix with FileInstall; waits poll with deadlines.
 */
@Tag("realtime")
class DeployOnlyAddsBundlesIT {

    private static final String ENGINE = "org.bootctl.engine";

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

    private static void awaitRunning(SessionService sessions, String id) {
        Waits.until(() -> "session " + id + " running: " + sessions.session(id).orElseThrow(), DeployRig.DEADLINE.toMillis(),
                () -> sessions.session(id).orElseThrow().state() == SessionState.RUNNING);
    }

    @Test
    void aFragmentOfTheEngineIsRefusedAndTheRunningSessionGoesOn() throws Exception {
        rig.start(Map.of("deploy-allow", "org.example.*"));
        SessionService sessions = rig.runtime.awaitService(SessionService.class, null, DeployRig.DEADLINE).orElseThrow();
        String id = sessions.start("sim-1", "sequential", Settings.level(2, 1).withFitCheck(false).withRampIn(false)).id();
        awaitRunning(sessions, id);
        Bundle engine = rig.bundle(ENGINE).orElseThrow();

        Path jar = rig.deploy(TestBundles.bundle("org.example.frag").header("Fragment-Host", ENGINE)
                .writeTo(rig.made("frag.jar")), "frag.jar");
        Line refused = rig.audit.await("the fragment refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.example.frag"), DeployRig.DEADLINE);
        assertEquals("deploy/frag.jar", refused.details().get("file"));
        assertTrue(refused.details().get("reason").contains("fragment of " + ENGINE), refused.toString());
        String line = rig.logLine("bootctl deploy: refused org.example.frag 1.0.0 from deploy/frag.jar: it is a fragment of "
                + ENGINE);
        assertTrue(line.endsWith("; the file stays where it is"), line);

        assertTrue(rig.bundle("org.example.frag").isEmpty(), "never installed");
        assertTrue(rig.events.stream().noneMatch(e -> e.endsWith(" org.example.frag")), "not even for a moment: " + rig.events);
        assertTrue(rig.events.stream().noneMatch(e -> e.endsWith(" " + ENGINE)), "the engine was left alone: " + rig.events);
        assertEquals(Bundle.ACTIVE, engine.getState());
        assertEquals(SessionState.RUNNING, sessions.session(id).orElseThrow().state(), "the session goes on");
        assertTrue(Files.isRegularFile(jar), "left in place");
        assertEquals(1, rig.lines("bootctl deploy: refused").size(), "one line: " + rig.logged);
    }

    @Test
    void anAllowedJarOverwrittenByAFragmentOfTheEngineNeverAttachesNorRestartsIt() throws Exception {
        rig.start(Map.of("deploy-allow", "org.example.*"));
        Path jar = rig.deploy(TestBundles.bundle("org.example.frag").writeTo(rig.made("plain.jar")), "frag.jar");
        rig.audit.await("the plain bundle installed", is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER,
                "org.example.frag"), DeployRig.DEADLINE);
        Bundle engine = rig.bundle(ENGINE).orElseThrow();
        rig.events.clear();

        Path fragment = TestBundles.bundle("org.example.frag").header("Fragment-Host", ENGINE)
                .header("Bundle-Version", "1.0.1").writeTo(rig.made("frag.jar"));
        Files.setLastModifiedTime(fragment, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        rig.deploy(fragment, "frag.jar");
        rig.logLine("bootctl deploy: refused org.example.frag 1.0.1 from deploy/frag.jar: it is a fragment of " + ENGINE);
        Line refused = rig.audit.await("the fragment refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.example.frag"), DeployRig.DEADLINE);
        assertTrue(refused.details().get("reason").endsWith("kept from resolving"), refused.toString());
        // FileInstall refreshes what it updated once it is done: wait for that before judging the engine
        Waits.holdsWithin("the fragment refreshed", DeployRig.DEADLINE,
                () -> rig.events.stream().anyMatch(e -> e.equals("UNRESOLVED org.example.frag")));
        assertTrue(rig.events.stream().noneMatch(e -> e.endsWith(" " + ENGINE)), "the engine was left alone: " + rig.events);
        assertEquals(Bundle.ACTIVE, engine.getState());
        Bundle updated = rig.bundle("org.example.frag").orElseThrow();
        assertTrue(updated.getState() == Bundle.INSTALLED, "never resolved, so never attached: " + updated.getState());
    }

    @Test
    void withEveryNameAllowedACopyOfTheApiJarIsRefused() throws Exception {
        rig.start(Map.of());
        Path api;
        try (Stream<Path> lib = Files.list(TestDistribution.real().home().resolve("lib"))) {
            api = lib.filter(p -> p.getFileName().toString().matches("org\\.bootctl\\.api-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("the distribution's lib/ has no API jar"));
        }
        rig.deploy(api, "api.jar");
        Line refused = rig.audit.await("the API copy refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.bootctl.api"), DeployRig.DEADLINE);
        assertEquals("deploy/api.jar", refused.details().get("file"));
        String line = rig.logLine("bootctl deploy: refused org.bootctl.api ");
        assertTrue(line.contains(" from deploy/api.jar: it exports org.bootctl.api."), line);
        assertTrue(line.contains("which system.bundle of this unit exports already"), line);
        assertTrue(rig.bundle("org.bootctl.api").isEmpty(), "never installed");

        // any other name exporting a package of the unit: one of the API's, or a bundle's (Gson's)
        rig.deploy(TestBundles.bundle("org.example.shadow").header("Export-Package",
                "org.example.shadow;version=\"1.0\",org.bootctl.api.device;version=\"1.1\";uses:=\"a,b\"")
                .writeTo(rig.made("shadow.jar")), "shadow.jar");
        rig.deploy(TestBundles.bundle("org.example.gson").header("Export-Package", "com.google.gson")
                .writeTo(rig.made("gson.jar")), "gson.jar");
        assertTrue(rig.logLine("bootctl deploy: refused org.example.shadow 1.0.0 from deploy/shadow.jar").contains(
                "it exports org.bootctl.api.device, which system.bundle of this unit exports already"), rig.logged.toString());
        assertTrue(rig.logLine("bootctl deploy: refused org.example.gson 1.0.0 from deploy/gson.jar").contains(
                "it exports com.google.gson, which com.google.gson of this unit exports already"), rig.logged.toString());
        rig.audit.await("the shadow refused", is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.example.shadow"),
                DeployRig.DEADLINE);
        assertTrue(rig.events.stream().noneMatch(e -> e.startsWith("INSTALLED")), "nothing installed: " + rig.events);

        // a new bundle under an org.bootctl name that is not in the feature goes in: not refused for its name
        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"),
                "org.bootctl.example.program.jar");
        rig.deploy(example, "ripple.jar");
        rig.audit.await("the example installed", is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER,
                "org.bootctl.example.program"), DeployRig.DEADLINE);
    }

    @Test
    void aJarThatIsNotABundleIsRefusedInOneLine() throws Exception {
        rig.start(Map.of());
        Path plain = rig.made("plain.jar");
        Files.createDirectories(plain.getParent());
        try (OutputStream out = Files.newOutputStream(plain); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("hello.txt"));
            jar.write("not a bundle".getBytes());
            jar.closeEntry();
        }
        Files.writeString(rig.made("junk.jar"), "not even a zip");
        rig.deploy(plain, "plain.jar");
        rig.deploy(rig.made("junk.jar"), "junk.jar");

        Line refused = rig.audit.await("the plain jar refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "deploy/plain.jar"), DeployRig.DEADLINE);
        assertTrue(refused.details().get("reason").contains("not a bundle"), refused.toString());
        assertEquals("bootctl deploy: refused a jar from deploy/plain.jar: it is not a bundle (it has no"
                + " Bundle-SymbolicName), and the deploy folder takes bundles only; the file stays where it is",
                rig.logLine("bootctl deploy: refused a jar from deploy/plain.jar"));
        assertTrue(rig.logLine("bootctl deploy: refused a jar from deploy/junk.jar").contains("it is not a bundle"),
                rig.logged.toString());
        rig.audit.await("the junk refused", is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "deploy/junk.jar"),
                DeployRig.DEADLINE);
        assertEquals(1, rig.lines("bootctl deploy: refused a jar from deploy/plain.jar").size(), "one line: " + rig.logged);
        assertTrue(rig.events.stream().noneMatch(e -> e.startsWith("INSTALLED")), "nothing installed: " + rig.events);
    }

    @Test
    void anExportOfTheApiAfterAnEscapedQuoteIsRefusedBeforeItIsInstalled() throws Exception {
        rig.start(Map.of());
        // the framework reads two clauses here, the second org.bootctl.api.device: so must the guard
        rig.deploy(TestBundles.bundle("org.example.sneaky").header("Export-Package",
                "org.example.sneaky;x=\"\\\"\",org.bootctl.api.device").writeTo(rig.made("sneaky.jar")), "sneaky.jar");
        assertTrue(rig.logLine("bootctl deploy: refused org.example.sneaky 1.0.0 from deploy/sneaky.jar").contains(
                "it exports org.bootctl.api.device, which system.bundle of this unit exports already"), rig.logged.toString());
        rig.audit.await("the sneaky jar refused", is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER,
                "org.example.sneaky"), DeployRig.DEADLINE);
        assertTrue(rig.events.stream().noneMatch(e -> e.startsWith("INSTALLED")), "never installed: " + rig.events);
    }
}
