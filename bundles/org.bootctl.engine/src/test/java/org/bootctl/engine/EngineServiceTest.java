package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.timebase.ManualTimebase;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The DS component outside a framework: its data folder, its services coming and going, its deactivation. */
class EngineServiceTest {

    @TempDir
    Path data;

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("getProperty") && "bootctl.data".equals(args[0])
                        ? data.toString() : null);
    }

    private static Engine.Config config(int tickHz) {
        return (Engine.Config) Proxy.newProxyInstance(Engine.class.getClassLoader(),
                new Class<?>[] {Engine.Config.class},
                (proxy, method, args) -> method.getName().equals("tickHz") ? tickHz : null);
    }

    @Test
    void deactivationVentsEveryDeviceAndWritesTheHistory() throws Exception {
        Engine engine = new Engine(context(), config(50));
        VirtualTimebase time = new ManualTimebase();
        FakeBoot boot = FakeBoot.of("unit-7", Models.RB2_L5, time);
        List<Telemetry> frames = new CopyOnWriteArrayList<>();
        engine.addTelemetryListener(frames::add);
        engine.addDevice(boot);
        engine.addProgram(TestPrograms.sequential(2000, 30_000), Map.of("bootctl.program.id", "seq"));
        assertEquals(List.of("seq"), engine.programs().stream().map(p -> p.id()).toList());
        time.advance(200_000_000L);
        SessionInfo s = engine.start("unit-7", "seq", Settings.level(5, 10).withFitCheck(false));
        time.runUntil(() -> boot.highestPressure() > 50, 30_000_000_000L);
        assertEquals(SessionState.RUNNING, engine.session(s.id()).orElseThrow().state());

        int ventAlls = boot.ventAlls;
        engine.deactivate();
        // the vent-all runs on a thread of its own (a hung driver holds no other device): waited for with a deadline
        Waits.until("the vent-all at shutdown", 20_000, () -> boot.ventAlls > ventAlls);
        assertEquals("controller shut down", engine.session(s.id()).orElseThrow().endReason());
        List<String> history = Files.readAllLines(data.resolve("history.jsonl"));
        assertEquals(1, history.size(), "written before deactivation returned");
        assertTrue(history.get(0).contains("\"endReason\":\"controller shut down\""), history.get(0));
        assertTrue(Files.exists(data.resolve("traces").resolve(s.id() + ".csv")));
        assertTrue(!frames.isEmpty(), "telemetry reached the listener");
    }

    @Test
    void aProgramThatGoesAwayCanNoLongerBeChosen() {
        Engine engine = new Engine(context(), config(50));
        var program = TestPrograms.sequential(2000, 30_000);
        engine.addProgram(program, Map.of());
        assertEquals(1, engine.programs().size());
        engine.removeProgram(program);
        assertTrue(engine.programs().isEmpty());
        engine.deactivate();
    }
}
