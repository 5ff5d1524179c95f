package org.bootctl.launcher.runtime;

import static org.bootctl.launcher.runtime.AuditFile.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.runtime.AuditFile.Line;
import org.bootctl.launcher.testing.TestBundles;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * deploy/ only adds bundles, whatever the allow-list says: a fragment (which would restart its
 * host), a copy of the API or any bundle exporting a package the unit exports, and a jar that is
 * not a bundle are refused in one line naming the jar and an audit record each, and never
 * installed. The simulator feature in a real Felix with FileInstall; waits poll with deadlines.
 */
class DeployOnlyAddsBundlesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String ENGINE = "org.bootctl.engine";

    @TempDir
    Path data;
    private OsgiRuntime runtime;
    private AuditFile audit;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    /** Every bundle event of the framework, as "TYPE symbolic-name", from the moment it is up. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private PrintStream stdout;

    @BeforeEach
    void listen() {
        stdout = System.out;
        System.setOut(new PrintStream(stdout, true) {
            @Override
            public void println(String line) {
                if (line != null && line.startsWith("bootctl deploy: ")) {
                    logged.add(line);
                }
                super.println(line);
            }
        });
    }

    @AfterEach
    void close() {
        System.setOut(stdout);
        if (runtime != null) {
            runtime.close();
        }
    }

    private void start(Map<String, String> variables) throws Exception {
        Distribution distribution = TestDistribution.real();
        Map<String, String> all = new HashMap<>(Map.of("http-port", "0", "http-bind", "127.0.0.1"));
        all.putAll(variables);
        Feature feature = FeatureReader.read(distribution.features().resolve("simulator.json"), all);
        runtime = OsgiRuntime.start(feature, distribution, data, false);
        List<HealthProblem> problems = runtime.health().await(DEADLINE);
        if (!problems.isEmpty()) {
            fail("the simulator feature is not up: " + problems);
        }
        audit = new AuditFile(data);
        runtime.context().addBundleListener((SynchronousBundleListener) event -> events.add(
                type(event.getType()) + " " + event.getBundle().getSymbolicName()));
    }

    private static String type(int type) {
        return switch (type) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            default -> "EVENT" + type;
        };
    }

    /** Puts a jar into deploy/ in one step (written beside it, then moved), as an installer should. */
    private Path deploy(Path jar, String name) throws Exception {
        Path folder = data.resolve(HotDeploy.FOLDER);
        Path part = Files.copy(jar, folder.resolve("." + name + ".part"), StandardCopyOption.REPLACE_EXISTING);
        return Files.move(part, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path made(String file) {
        return data.resolve("made").resolve(file);
    }

    private Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(runtime.context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    private List<String> lines(String start) {
        return logged.stream().filter(l -> l.startsWith(start)).toList();
    }

    private String logLine(String start) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<String> lines = lines(start);
            if (!lines.isEmpty()) {
                return lines.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line starting " + start + "; logged: " + logged);
    }

    private SessionInfo awaitRunning(SessionService sessions, String id) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        SessionInfo info = sessions.session(id).orElseThrow();
        while (info.state() != SessionState.RUNNING) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("session " + id + " never ran: " + info);
            }
            Thread.sleep(20);
            info = sessions.session(id).orElseThrow();
        }
        return info;
    }

    @Test
    void aFragmentOfTheEngineIsRefusedAndTheRunningSessionGoesOn() throws Exception {
        start(Map.of("deploy-allow", "org.example.*"));
        SessionService sessions = runtime.awaitService(SessionService.class, null, DEADLINE).orElseThrow();
        String id = sessions.start("sim-1", "sequential", Settings.level(2, 1).withFitCheck(false).withRampIn(false)).id();
        awaitRunning(sessions, id);
        Bundle engine = bundle(ENGINE).orElseThrow();

        Path jar = deploy(TestBundles.bundle("org.example.frag").header("Fragment-Host", ENGINE)
                .writeTo(made("frag.jar")), "frag.jar");
        Line refused = audit.await("the fragment refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.example.frag"), DEADLINE);
        assertEquals("deploy/frag.jar", refused.details().get("file"));
        assertTrue(refused.details().get("reason").contains("fragment of " + ENGINE), refused.toString());
        String line = logLine("bootctl deploy: refused org.example.frag 1.0.0 from deploy/frag.jar: it is a fragment of "
                + ENGINE);
        assertTrue(line.endsWith("; the file stays where it is"), line);

        assertTrue(bundle("org.example.frag").isEmpty(), "never installed");
        assertTrue(events.stream().noneMatch(e -> e.endsWith(" org.example.frag")), "not even for a moment: " + events);
        assertTrue(events.stream().noneMatch(e -> e.endsWith(" " + ENGINE)), "the engine was left alone: " + events);
        assertEquals(Bundle.ACTIVE, engine.getState());
        assertEquals(SessionState.RUNNING, sessions.session(id).orElseThrow().state(), "the session goes on");
        assertTrue(Files.isRegularFile(jar), "left in place");
        assertEquals(1, lines("bootctl deploy: refused").size(), "one line: " + logged);
    }

    @Test
    void anAllowedJarOverwrittenByAFragmentOfTheEngineNeverAttachesNorRestartsIt() throws Exception {
        start(Map.of("deploy-allow", "org.example.*"));
        Path jar = deploy(TestBundles.bundle("org.example.frag").writeTo(made("plain.jar")), "frag.jar");
        audit.await("the plain bundle installed", is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER,
                "org.example.frag"), DEADLINE);
        Bundle engine = bundle(ENGINE).orElseThrow();
        events.clear();

        Path fragment = TestBundles.bundle("org.example.frag").header("Fragment-Host", ENGINE)
                .header("Bundle-Version", "1.0.1").writeTo(made("frag.jar"));
        Files.setLastModifiedTime(fragment, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        deploy(fragment, "frag.jar");
        logLine("bootctl deploy: refused org.example.frag 1.0.1 from deploy/frag.jar: it is a fragment of " + ENGINE);
        Line refused = audit.await("the fragment refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.example.frag"), DEADLINE);
        assertTrue(refused.details().get("reason").endsWith("kept from resolving"), refused.toString());
        // FileInstall refreshes what it updated once it is done: wait for that before judging the engine
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (events.stream().noneMatch(e -> e.equals("UNRESOLVED org.example.frag")) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertTrue(events.stream().noneMatch(e -> e.endsWith(" " + ENGINE)), "the engine was left alone: " + events);
        assertEquals(Bundle.ACTIVE, engine.getState());
        Bundle updated = bundle("org.example.frag").orElseThrow();
        assertTrue(updated.getState() == Bundle.INSTALLED, "never resolved, so never attached: " + updated.getState());
    }

    @Test
    void withEveryNameAllowedACopyOfTheApiJarIsRefused() throws Exception {
        start(Map.of());
        Path api;
        try (Stream<Path> lib = Files.list(TestDistribution.real().home().resolve("lib"))) {
            api = lib.filter(p -> p.getFileName().toString().matches("org\\.bootctl\\.api-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("the distribution's lib/ has no API jar"));
        }
        deploy(api, "api.jar");
        Line refused = audit.await("the API copy refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.bootctl.api"), DEADLINE);
        assertEquals("deploy/api.jar", refused.details().get("file"));
        String line = logLine("bootctl deploy: refused org.bootctl.api ");
        assertTrue(line.contains(" from deploy/api.jar: it exports org.bootctl.api."), line);
        assertTrue(line.contains("which system.bundle of this unit exports already"), line);
        assertTrue(bundle("org.bootctl.api").isEmpty(), "never installed");

        // any other name exporting a package of the unit: one of the API's, or a bundle's (Gson's)
        deploy(TestBundles.bundle("org.example.shadow").header("Export-Package",
                "org.example.shadow;version=\"1.0\",org.bootctl.api.device;version=\"1.1\";uses:=\"a,b\"")
                .writeTo(made("shadow.jar")), "shadow.jar");
        deploy(TestBundles.bundle("org.example.gson").header("Export-Package", "com.google.gson")
                .writeTo(made("gson.jar")), "gson.jar");
        assertTrue(logLine("bootctl deploy: refused org.example.shadow 1.0.0 from deploy/shadow.jar").contains(
                "it exports org.bootctl.api.device, which system.bundle of this unit exports already"), logged.toString());
        assertTrue(logLine("bootctl deploy: refused org.example.gson 1.0.0 from deploy/gson.jar").contains(
                "it exports com.google.gson, which com.google.gson of this unit exports already"), logged.toString());
        audit.await("the shadow refused", is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.example.shadow"),
                DEADLINE);
        assertTrue(events.stream().noneMatch(e -> e.startsWith("INSTALLED")), "nothing installed: " + events);

        // a new bundle under an org.bootctl name that is not in the feature goes in: not refused for its name
        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"),
                "org.bootctl.example.program.jar");
        deploy(example, "ripple.jar");
        audit.await("the example installed", is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER,
                "org.bootctl.example.program"), DEADLINE);
    }

    @Test
    void aJarThatIsNotABundleIsRefusedInOneLine() throws Exception {
        start(Map.of());
        Path plain = made("plain.jar");
        Files.createDirectories(plain.getParent());
        try (OutputStream out = Files.newOutputStream(plain); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("hello.txt"));
            jar.write("not a bundle".getBytes());
            jar.closeEntry();
        }
        Files.writeString(made("junk.jar"), "not even a zip");
        deploy(plain, "plain.jar");
        deploy(made("junk.jar"), "junk.jar");

        Line refused = audit.await("the plain jar refused",
                is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "deploy/plain.jar"), DEADLINE);
        assertTrue(refused.details().get("reason").contains("not a bundle"), refused.toString());
        assertEquals("bootctl deploy: refused a jar from deploy/plain.jar: it is not a bundle (it has no"
                + " Bundle-SymbolicName), and the deploy folder takes bundles only; the file stays where it is",
                logLine("bootctl deploy: refused a jar from deploy/plain.jar"));
        assertTrue(logLine("bootctl deploy: refused a jar from deploy/junk.jar").contains("it is not a bundle"),
                logged.toString());
        audit.await("the junk refused", is(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "deploy/junk.jar"),
                DEADLINE);
        assertEquals(1, lines("bootctl deploy: refused a jar from deploy/plain.jar").size(), "one line: " + logged);
        assertTrue(events.stream().noneMatch(e -> e.startsWith("INSTALLED")), "nothing installed: " + events);
    }
}
