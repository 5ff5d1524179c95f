package org.bootctl.launcher.runtime;

import static org.bootctl.launcher.runtime.AuditFile.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.launcher.runtime.AuditFile.Line;
import org.bootctl.launcher.testing.Runtimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The audit log in a real Felix running the simulator feature: bundles from the deploy folder,
 * programs from the programs folder and settings changes land in {@code audit.jsonl} as whole JSON
 * lines in order, and a setting's value never does. Waits poll with deadlines.
 */
class AuditLogIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String TOKEN = "first-secret-7f3a9c";
    private static final String NEW_TOKEN = "second-secret-b81e44";
    private static final String EXAMPLE_BUNDLE = "org.bootctl.example.program";

    @TempDir
    Path data;
    private OsgiRuntime runtime;
    private AuditFile audit;

    private void start() throws Exception {
        runtime = Runtimes.simulator(data, Map.of("web-token", TOKEN));
        audit = new AuditFile(data);
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private Path deploy(String name) throws Exception {
        Path jar = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        Path folder = data.resolve(HotDeploy.FOLDER);
        Path part = Files.copy(jar, folder.resolve("." + name + ".part"), StandardCopyOption.REPLACE_EXISTING);
        return Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void settingsAreRecordedByKeyNameAndNeverByValue() throws Exception {
        start();
        Line atStart = audit.await("the web settings as the feature gave them",
                is(AuditEvent.SETTINGS_CHANGED, AuditEvent.CONFIGURATION, "org.bootctl.web"), DEADLINE);
        assertEquals(Map.of("change", "present at start", "keys", "token"), atStart.details());
        audit.await("the simulated device's settings",
                is(AuditEvent.SETTINGS_CHANGED, AuditEvent.CONFIGURATION, "org.bootctl.sim.device~1"), DEADLINE);

        ConfigurationAdmin admin = runtime.service(ConfigurationAdmin.class, null).orElseThrow();
        Configuration web = admin.getConfiguration("org.bootctl.web", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("token", NEW_TOKEN);
        properties.put("allowedHosts", new String[] {"unit-7.local"});
        web.update(properties);
        Line updated = audit.await("the web settings updated", l -> l.subject().equals("org.bootctl.web")
                && "updated".equals(l.details().get("change")), DEADLINE);
        assertEquals("allowedHosts, token", updated.details().get("keys"));

        Configuration extra = admin.getFactoryConfiguration("org.bootctl.sim.device", "audit", "?");
        Hashtable<String, Object> device = new Hashtable<>();
        device.put("id", "sim-audit");
        extra.update(device);
        audit.await("a device added", l -> l.subject().equals("org.bootctl.sim.device~audit")
                && "updated".equals(l.details().get("change")), DEADLINE);
        extra.delete();
        audit.await("the device's settings deleted", l -> l.subject().equals("org.bootctl.sim.device~audit")
                && "deleted".equals(l.details().get("change")), DEADLINE);

        String text = audit.text();
        assertFalse(text.contains(TOKEN), "a token given at start is never written: " + text);
        assertFalse(text.contains(NEW_TOKEN), "a token set later is never written: " + text);
        assertFalse(text.contains("unit-7.local"), "no value is written");
        assertEquals(1, audit.lines().stream().filter(l -> l.subject().equals("org.bootctl.web")
                && "present at start".equals(l.details().get("change"))).count(), "the start recorded once");
    }

    @Test
    void bundlesFromTheDeployFolderAndProgramsFromTheProgramsFolderAreRecordedWithTheirSource() throws Exception {
        start();
        Path jar = deploy("ripple.jar");
        Line installed = audit.await("the deployed bundle installed",
                is(AuditEvent.BUNDLE_INSTALLED, AuditEvent.DEPLOY_FOLDER, EXAMPLE_BUNDLE), DEADLINE);
        assertEquals(Map.of("file", "deploy/ripple.jar", "version", "0.1.0"), installed.details());
        Files.delete(jar);
        audit.await("the deployed bundle uninstalled",
                is(AuditEvent.BUNDLE_UNINSTALLED, AuditEvent.DEPLOY_FOLDER, EXAMPLE_BUNDLE), DEADLINE);

        Path program = Files.writeString(data.resolve("programs").resolve("mine.json"), """
                {
                  "id": "audited",
                  "name": "Audited",
                  "version": "1",
                  "zones": {"min": 2, "max": 12},
                  "minCycle": 30,
                  "cycle": [{"each": "up", "steps": [{"fill": "zone"}]}, {"vent": "all"}]
                }
                """);
        Line added = audit.await("the program installed",
                is(AuditEvent.PROGRAM_INSTALLED, AuditEvent.PROGRAMS_FOLDER, "audited"), DEADLINE);
        assertEquals(Map.of("file", "programs/mine.json"), added.details());
        Files.delete(program);
        audit.await("the program removed", is(AuditEvent.PROGRAM_REMOVED, AuditEvent.PROGRAMS_FOLDER, "audited"), DEADLINE);

        List<Line> lines = audit.lines();
        assertTrue(lines.indexOf(installed) < lines.indexOf(added), "in the order things happened: " + lines);
        assertTrue(audit.text().endsWith("\n"), "no line left half-written");
    }

    @Test
    void eventsFromManyThreadsAreAllThereWholeAndInOrder() throws Exception {
        start();
        AuditLog log = runtime.awaitService(AuditLog.class, null, DEADLINE).orElseThrow();
        int threads = 4;
        int each = 50;
        Thread[] callers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            String source = AuditEvent.web("10.0.0." + t);
            callers[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    log.record(new AuditEvent(AuditEvent.ESTOP, source, "sim-1", Map.of("n", Integer.toString(i))));
                }
            });
            callers[t].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        for (int t = 0; t < threads; t++) {
            String source = AuditEvent.web("10.0.0." + t);
            audit.await("the last event of " + source, l -> l.source().equals(source)
                    && String.valueOf(each - 1).equals(l.details().get("n")), DEADLINE);
            List<String> numbers = audit.lines().stream().filter(l -> l.source().equals(source))
                    .map(l -> l.details().get("n")).toList();
            assertEquals(java.util.stream.IntStream.range(0, each).mapToObj(Integer::toString).toList(), numbers,
                    "each caller's events once, in its order");
        }
    }
}
