package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelRegistry;
import org.bootctl.api.device.Valve;
import org.bootctl.api.program.Settings;
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

/**
 * A driver whose listen() never returns, in a real Felix running the simulator feature: the
 * thread that registered its connection is not held by the engine (it was, for good), the hostile
 * device is latched naming it, the simulated device's sessions start and stop as before, and the
 * engine still stops.
 */
@Tag("realtime")
class HostileDriverIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private OsgiRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aDriverWhoseListenNeverReturnsHoldsNoOtherDeviceNorTheEnginesStop() throws Exception {
        runtime = Runtimes.simulator(data, Map.of());
        SessionService sessions = runtime.awaitService(SessionService.class, null, DEADLINE).orElseThrow();
        ModelRegistry models = runtime.awaitService(ModelRegistry.class, null, DEADLINE).orElseThrow();
        Waits.until("sim-1 listed", DEADLINE, () -> sessions.devices().stream().anyMatch(d -> d.id().equals("sim-1")));
        ModelDescription model = models.find("RB2-L5").orElseThrow();
        DeviceDescription description = DeviceDescription.of("hostile-1", model, "SN1", "1.0", model.defaultRateHz());

        CountDownLatch never = new CountDownLatch(1);
        HostRegulatedConnection hostile = new HostRegulatedConnection() {
            @Override
            public DeviceDescription description() {
                return description;
            }

            @Override
            public void listen(BootConnection.Listener listener) {
                if (listener != null) {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void actuate(int pumpDuty, Valve[] valves) {
            }

            @Override
            public void ventAll() {
            }

            @Override
            public CompletionStage<Boolean> clearFault() {
                return CompletableFuture.completedFuture(true);
            }
        };
        try {
            CompletableFuture<?> registering = CompletableFuture.supplyAsync(() -> runtime.context().registerService(
                    BootConnection.class, hostile, new Hashtable<>(Map.of("bootctl.device.id", "hostile-1"))));
            Waits.until("hostile-1 listed", DEADLINE, () -> sessions.devices().stream()
                    .anyMatch(d -> d.id().equals("hostile-1")));
            SessionInfo s = sessions.start("sim-1", "sequential", Settings.level(2, 1).withFitCheck(false));
            Waits.until("the session on sim-1 runs", DEADLINE, () -> sessions.session(s.id()).orElseThrow().state()
                    == SessionState.RUNNING);
            sessions.stop(s.id());
            Waits.until("the session on sim-1 stops", DEADLINE, () -> sessions.session(s.id()).orElseThrow().state()
                    .isFinal());
            registering.get(DEADLINE.toSeconds(), TimeUnit.SECONDS); // the thread that registered it is not held
            String fault = Waits.until("hostile-1 latched", DEADLINE, () -> sessions.device("hostile-1").orElseThrow()
                    .fault(), f -> f != null).message();
            assertTrue(fault.startsWith("controller error: the driver of hostile-1 (") && fault.contains(
                    ") did not return from listen within 2 s; highest pressure in zone 1 (foot, left): 0.0 mmHg"), fault);
            Bundle engine = Arrays.stream(runtime.context().getBundles())
                    .filter(b -> b.getSymbolicName().equals("org.bootctl.engine")).findFirst().orElseThrow();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    engine.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            stopping.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(Bundle.RESOLVED, engine.getState(), "the engine stopped");
        } finally {
            never.countDown();
        }
    }
}
