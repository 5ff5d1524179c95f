package org.bootctl.launcher.runtime;

import static org.bootctl.launcher.runtime.AuditFile.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.testing.NestedMaven;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * docs/DRIVERS.md's worked example as an integrator uses it: the example driver
 * ({@code bundles/org.bootctl.example.driver}, a fictional ACME-X6 that the bundle itself
 * describes) is built as an outside project (its sources copied out of the repository, built by a
 * nested Maven that knows only the distribution's API jar; see {@link NestedMaven}), dropped into
 * deploy/ of a running controller (a real Felix on the simulator feature), configured by a
 * {@code .cfg} file dropped beside it, runs a session, and is removed while the controller goes on.
 * A {@code .cfg} for a PID of the unit itself is refused (one line, an audit record) and never
 * applied. Waits poll with deadlines.
 */
@Tag("realtime")
class ExampleDriverIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String BUNDLE = "org.bootctl.example.driver";
    private static final String PID = "org.bootctl.example.driver";

    @TempDir
    Path work;
    @TempDir
    Path data;
    private OsgiRuntime runtime;
    /** The deploy lines printed on standard output (the guard's and the launcher's). */
    private final List<String> logged = new CopyOnWriteArrayList<>();
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

    @Test
    void builtOutsideTheDriverRunsASessionFromDeployTakesItsConfigurationFromThereAndGoesAgain() throws Exception {
        Distribution distribution = TestDistribution.real();
        Path jar = buildOutside(distribution);

        runtime = Runtimes.simulator(data, Map.of());
        SessionService sessions = runtime.awaitService(SessionService.class, null, DEADLINE).orElseThrow();
        await("sim-1 listed", sessions::devices, d -> has(d, "sim-1"));

        drop(jar, BUNDLE + ".jar");
        List<DeviceStatus> devices = await("acme-1 listed", sessions::devices, d -> has(d, "acme-1"));
        DeviceDescription acme = device(devices, "acme-1").description();
        assertEquals("ACME-X6", acme.model(), "the bundle's own model");
        assertEquals(6, acme.zoneCount());
        assertEquals(1, acme.limbs());
        assertEquals(RegulationMode.HOST, acme.regulation());
        assertEquals("zone 6 (upper thigh)", acme.describe(5));

        // configured while it runs: a new id and serial from a .cfg in deploy/, a new connection
        dropText("id=acme-7\nserial=X6-0777\n", PID + ".cfg");
        devices = await("acme-7 instead of acme-1", sessions::devices, d -> has(d, "acme-7") && !has(d, "acme-1"));
        logLine("bootctl deploy: configured " + PID + " from deploy/" + PID + ".cfg");
        assertEquals("X6-0777", device(devices, "acme-7").description().serial());

        Settings settings = Settings.level(2, 0.15).withFitCheck(false).withRampIn(false);
        String id = sessions.start("acme-7", "sequential", settings).id();
        SessionInfo done = await("session " + id + " over", () -> sessions.session(id).orElseThrow(),
                s -> s.state().isFinal());
        assertEquals(SessionState.COMPLETED, done.state(), done.toString());
        assertEquals("completed", done.endReason());
        assertNull(done.fault());

        // removed while the controller runs: its device goes, the simulator's stays and runs a session
        Files.delete(data.resolve(HotDeploy.FOLDER).resolve(BUNDLE + ".jar"));
        await("acme-7 gone", sessions::devices, d -> !has(d, "acme-7") && has(d, "sim-1"));
        await(BUNDLE + " uninstalled", () -> bundle(BUNDLE), Optional::isEmpty);
        String after = sessions.start("sim-1", "sequential", Settings.level(2, 0.1).withFitCheck(false).withRampIn(false)).id();
        SessionInfo simulated = await("session " + after + " over", () -> sessions.session(after).orElseThrow(),
                s -> s.state().isFinal());
        assertEquals(SessionState.COMPLETED, simulated.state(), simulated.toString());
    }

    @Test
    void aConfigurationFileForAPidOfTheUnitIsRefusedLoggedAuditedAndNeverApplied() throws Exception {
        runtime = Runtimes.simulator(data, Map.of());
        AuditFile audit = new AuditFile(data);
        ConfigurationAdmin admin = runtime.awaitService(ConfigurationAdmin.class, null, DEADLINE).orElseThrow();

        dropText("token=stolen\n", "org.bootctl.web.cfg");
        dropText("org.apache.felix.http.host=0.0.0.0\n", "org.apache.felix.http.cfg");
        dropText("poll=1\n", "org.apache.felix.fileinstall-more.cfg");
        for (String pid : List.of("org.bootctl.web", "org.apache.felix.http", "org.apache.felix.fileinstall")) {
            audit.await(pid + " refused", is(AuditEvent.CONFIGURATION_REFUSED, AuditEvent.DEPLOY_FOLDER, pid), DEADLINE);
            String line = logLine("bootctl deploy: refused configuration " + pid + " from deploy/");
            assertTrue(line.contains("belongs to bundle "), line);
        }
        assertEquals(List.of(), configurationsFromDeploy(admin), "no configuration came from deploy/");
        Dictionary<String, Object> web = admin.getConfiguration("org.bootctl.web", null).getProperties();
        assertFalse("stolen".equals(web == null ? null : web.get("token")), "the web token stays the feature's");
        Dictionary<String, Object> http = admin.getConfiguration("org.apache.felix.http", null).getProperties();
        assertEquals("127.0.0.1", http.get("org.apache.felix.http.host"));

        // the files stay where they are, and a configuration of what deploy/ adds is applied beside them
        dropText("id=acme-3\n", PID + ".cfg");
        await(PID + " applied", () -> configurationsFromDeploy(admin), c -> c.contains(PID));
        audit.await(PID + " audited as a settings change",
                is(AuditEvent.SETTINGS_CHANGED, AuditEvent.CONFIGURATION, PID), DEADLINE);
        assertTrue(Files.isRegularFile(data.resolve(HotDeploy.FOLDER).resolve("org.bootctl.web.cfg")));

        // deleting the file deletes the configuration, and says so
        Files.delete(data.resolve(HotDeploy.FOLDER).resolve(PID + ".cfg"));
        logLine("bootctl deploy: removed configuration " + PID + " (deploy/" + PID + ".cfg deleted)");
        await(PID + " deleted", () -> configurationsFromDeploy(admin), c -> !c.contains(PID));
    }

    /** The example's sources copied out of the repository and built there, as a project of one's own. */
    private Path buildOutside(Distribution distribution) throws Exception {
        Path sources = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("bundles").resolve(BUNDLE);
        Path project = work.resolve(BUNDLE);
        copy(sources.resolve("pom.xml"), project.resolve("pom.xml"));
        try (Stream<Path> files = Files.walk(sources.resolve("src"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                copy(file, project.resolve(sources.relativize(file).toString()));
            }
        }
        Path api;
        try (Stream<Path> lib = Files.list(distribution.home().resolve("lib"))) {
            api = lib.filter(p -> p.getFileName().toString().matches("org\\.bootctl\\.api-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no API jar in the distribution's lib/"));
        }
        String name = api.getFileName().toString();
        String version = name.substring("org.bootctl.api-".length(), name.length() - ".jar".length());
        NestedMaven maven = NestedMaven.in(work);
        maven.install(api, "org.bootctl", "org.bootctl.api", version, "jar");
        maven.run(project, "build.log", "verify", "-Dbootctl.version=" + version);
        assertTrue(Files.readString(work.resolve("build.log")).contains("Tests run: 4, Failures: 0, Errors: 0"),
                "the example's unit tests ran");
        Path jar;
        try (Stream<Path> target = Files.list(project.resolve("target"))) {
            jar = target.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(BUNDLE) + "-[0-9.]+\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no bundle built in " + project.resolve("target")));
        }
        try (JarFile built = new JarFile(jar.toFile())) {
            assertEquals(BUNDLE, built.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
            assertTrue(built.getManifest().getMainAttributes().getValue("Service-Component").contains("AcmeDriver"));
        }
        return jar;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    /** Into deploy/ in one step (written beside it under a name FileInstall ignores, then moved). */
    private void drop(Path file, String name) throws IOException {
        Path folder = data.resolve(HotDeploy.FOLDER);
        Path part = Files.copy(file, folder.resolve("." + name + ".part"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void dropText(String text, String name) throws IOException {
        Path made = Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
        drop(made, name);
    }

    /** The PIDs of the configurations FileInstall made from files. */
    private static List<String> configurationsFromDeploy(ConfigurationAdmin admin) {
        try {
            Configuration[] all = admin.listConfigurations("(felix.fileinstall.filename=*)");
            return all == null ? List.of() : Arrays.stream(all).map(Configuration::getPid).sorted().toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(runtime.context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    private static boolean has(List<DeviceStatus> devices, String id) {
        return devices.stream().anyMatch(d -> d.id().equals(id));
    }

    private static DeviceStatus device(List<DeviceStatus> devices, String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    private String logLine(String start) throws InterruptedException {
        return await("a log line starting " + start, () -> logged.stream().filter(l -> l.startsWith(start)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static <T> T await(String what, Supplier<T> poll, Predicate<T> done) throws InterruptedException {
        return Waits.until(what, DEADLINE, poll::get, done);
    }
}
