package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * docs/DESIGN.md "Runtime change", each case in a real Felix running the simulator feature, with
 * sessions on the simulator in real time: bundles come and go while a session runs. Waits poll
 * with deadlines; the only bound asserted is the one the requirement states ("at once").
 */
@Tag("realtime")
class RuntimeChangeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** "At once": generous for a noisy machine, yet far below anything a running session would notice. */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);
    private static final String EXAMPLE = "example-ripple";
    private static final String EXAMPLE_BUNDLE = "org.bootctl.example.program";

    @TempDir
    Path data;
    private OsgiRuntime runtime;
    private SessionService sessions;

    private void start() throws Exception {
        runtime = Runtimes.simulator(data, Map.of());
        sessions = runtime.awaitService(SessionService.class, null, DEADLINE).orElseThrow();
        await("sim-1 listed", sessions::devices, d -> d.stream().anyMatch(s -> s.id().equals("sim-1")));
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** A short real-time session without fit check or ramp-in, so it is RUNNING at once. */
    private static Settings quick(double minutes) {
        return Settings.level(2, minutes).withFitCheck(false).withRampIn(false);
    }

    private static Path exampleJar() {
        Path jar = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), EXAMPLE_BUNDLE + ".jar");
        assertTrue(Files.isRegularFile(jar), "the build copies the example program bundle to " + jar);
        return jar;
    }

    /** Puts a jar into deploy/ in one step (a copy beside it, then a move), as an installer should. */
    private Path deploy(String name) throws Exception {
        Path folder = data.resolve(HotDeploy.FOLDER);
        Path part = Files.copy(exampleJar(), folder.resolve(name + ".part"), StandardCopyOption.REPLACE_EXISTING);
        return Files.move(part, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private Set<String> programIds() {
        return sessions.programs().stream().map(ProgramInfo::id).collect(Collectors.toSet());
    }

    private SessionInfo session(String id) {
        return sessions.session(id).orElseThrow(() -> new AssertionError("no session " + id));
    }

    private SessionInfo awaitState(String id, SessionState state) throws InterruptedException {
        return await("session " + id + " " + state, () -> session(id), s -> s.state() == state);
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(runtime.context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private static <T> T await(String what, Supplier<T> poll, Predicate<T> done) throws InterruptedException {
        return await(what, poll, done, DEADLINE);
    }

    private static <T> T await(String what, Supplier<T> poll, Predicate<T> done, Duration deadline)
            throws InterruptedException {
        return Waits.until(what, deadline, poll::get, done);
    }

    @Test
    void aProgramBundleDroppedIntoDeployIsSelectableAndLeavingMidSessionLetsTheSessionFinishItsPlan() throws Exception {
        start();
        List<String> log = new CopyOnWriteArrayList<>();
        runtime.context().addBundleListener(HotDeploy.log(data, log::add));
        assertFalse(programIds().contains(EXAMPLE));

        Path jar = deploy("ripple.jar");
        await(EXAMPLE + " selectable", this::programIds, ids -> ids.contains(EXAMPLE));
        assertEquals(Bundle.ACTIVE, bundle(EXAMPLE_BUNDLE).getState());
        await("the install logged", () -> log, l -> !l.isEmpty());
        assertEquals("bootctl deploy: installed " + EXAMPLE_BUNDLE + " 0.1.0 from deploy/ripple.jar", log.get(0));

        String id = sessions.start("sim-1", EXAMPLE, quick(0.15)).id();
        awaitState(id, SessionState.RUNNING);

        Files.delete(jar);
        await(EXAMPLE + " gone from the list", this::programIds, ids -> !ids.contains(EXAMPLE));
        await("the uninstall logged", () -> log, l -> l.size() >= 2);
        assertEquals("bootctl deploy: uninstalled " + EXAMPLE_BUNDLE + " 0.1.0 from deploy/ripple.jar", log.get(1));
        assertTrue(Arrays.stream(runtime.context().getBundles()).noneMatch(b -> EXAMPLE_BUNDLE.equals(b.getSymbolicName())));
        SessionInfo after = session(id);
        assertTrue(Set.of(SessionState.RUNNING, SessionState.VENTING, SessionState.COMPLETED).contains(after.state()),
                "the session runs on from its plan: " + after);

        SessionInfo done = awaitState(id, SessionState.COMPLETED);
        assertEquals(EXAMPLE, done.programId());
        assertEquals("completed", done.endReason());
        assertNull(done.fault());
    }

    @Test
    void aReplacedJarUpdatesTheSameBundleInPlace() throws Exception {
        start();
        List<String> log = new CopyOnWriteArrayList<>();
        runtime.context().addBundleListener(HotDeploy.log(data, log::add));
        Path jar = deploy("ripple.jar");
        await(EXAMPLE + " selectable", this::programIds, ids -> ids.contains(EXAMPLE));
        Bundle before = bundle(EXAMPLE_BUNDLE);
        long modified = before.getLastModified();

        Path replaced = deploy("ripple.jar");
        Files.setLastModifiedTime(replaced, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 2000)); // a new build, as FileInstall sees it
        await("the update logged", () -> log, l -> l.size() >= 2);
        assertEquals("bootctl deploy: updated " + EXAMPLE_BUNDLE + " 0.1.0 from deploy/ripple.jar", log.get(1));
        Bundle after = bundle(EXAMPLE_BUNDLE);
        assertEquals(before.getBundleId(), after.getBundleId(), "updated in place");
        assertTrue(after.getLastModified() > modified);
        await(EXAMPLE + " active and selectable again", () -> after.getState() == Bundle.ACTIVE && programIds().contains(EXAMPLE),
                ok -> ok);
    }

    @Test
    void stoppingTheDriverBundleEndsTheSessionInFaultAtOnceAndStartingItBringsTheDeviceBackIdle() throws Exception {
        start();
        String id = sessions.start("sim-1", "sequential", quick(1)).id();
        awaitState(id, SessionState.RUNNING);

        Bundle driver = bundle("org.bootctl.sim");
        driver.stop();
        // the device's service went with the bundle: the engine let go of it and ended the session
        SessionInfo faulted = await("FAULT right after the driver stopped", () -> session(id),
                s -> s.state() == SessionState.FAULT, AT_ONCE);
        assertTrue(faulted.endReason() != null && !faulted.endReason().isBlank(), faulted.toString());
        assertTrue(sessions.devices().stream().noneMatch(d -> d.id().equals("sim-1")),
                "no device left to command: " + sessions.devices());
        assertEquals(SessionState.FAULT, session(id).state(), "never resumed by itself");

        driver.start();
        DeviceStatus back = await("sim-1 back", () -> sessions.device("sim-1").orElse(null), d -> d != null);
        assertEquals(SessionState.IDLE, back.state(), back.toString());
        assertNull(back.sessionId(), "the device comes back without a session: " + back);
        assertEquals(SessionState.FAULT, session(id).state(), "the old session stays ended");
        String next = sessions.start("sim-1", "sequential", quick(1)).id();
        awaitState(next, SessionState.RUNNING);
        sessions.stop(next);
    }

    @Test
    void updatingTheProgramsBundleReloadsTheBuiltInsAndLeavesTheRunningSessionAlone() throws Exception {
        start();
        Set<String> builtIns = programIds();
        assertTrue(builtIns.contains("sequential"), builtIns.toString());
        String id = sessions.start("sim-1", "sequential", quick(1)).id();
        SessionInfo running = awaitState(id, SessionState.RUNNING);

        Bundle programs = bundle("org.bootctl.programs");
        BundleRevision revision = programs.adapt(BundleRevision.class);
        programs.update(); // from its own location: the jar in the distribution
        CountDownLatch refreshed = new CountDownLatch(1);
        runtime.framework().adapt(FrameworkWiring.class).refreshBundles(List.of(programs), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue(refreshed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the refresh ended");
        assertNotSame(revision, programs.adapt(BundleRevision.class), "a new revision of the programs bundle");
        assertEquals(Bundle.ACTIVE, programs.getState());
        await("the built-in programs listed again", this::programIds, ids -> ids.containsAll(builtIns));

        SessionInfo after = session(id);
        assertEquals(SessionState.RUNNING, after.state(), after.toString());
        await("the session's time runs on", () -> session(id), s -> s.elapsedMs() > running.elapsedMs() + 500);
        assertEquals(SessionState.RUNNING, session(id).state());
        sessions.stop(id);
    }

    @Test
    void twoSimulatedDevicesRunSessionsAtTheSameTimeIndependently() throws Exception {
        start();
        ConfigurationAdmin admin = runtime.service(ConfigurationAdmin.class, null).orElseThrow();
        Configuration second = admin.getFactoryConfiguration("org.bootctl.sim.device", "2", null);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("id", "sim-2");
        properties.put("model", "RB2-A4");
        properties.put("faults", "");
        properties.put("virtualTime", "false");
        second.update(properties);
        await("sim-2 listed", () -> sessions.device("sim-2").isPresent(), ok -> ok);

        String one = sessions.start("sim-1", "sequential", quick(1)).id();
        String two = sessions.start("sim-2", "sequential", quick(1)).id();
        awaitState(one, SessionState.RUNNING);
        awaitState(two, SessionState.RUNNING);

        sessions.pause(one);
        SessionInfo paused = awaitState(one, SessionState.PAUSED);
        long twoBefore = session(two).elapsedMs();
        await("sim-2's session runs on while sim-1's is paused", () -> session(two),
                s -> s.elapsedMs() > twoBefore + 500);
        assertEquals(SessionState.RUNNING, session(two).state());
        assertEquals(SessionState.PAUSED, session(one).state());

        sessions.stop(two);
        awaitState(two, SessionState.STOPPED);
        assertEquals(SessionState.PAUSED, session(one).state(), "stopping one device's session leaves the other's");
        assertEquals(paused.id(), sessions.resume(one).id());
        awaitState(one, SessionState.RUNNING);
        sessions.stop(one);
        awaitState(one, SessionState.STOPPED);
        assertEquals("sim-2", session(two).deviceId());
        assertEquals("sim-1", session(one).deviceId());
    }
}
