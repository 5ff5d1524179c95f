package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch loop with a scripted pace: each beat runs the next scripted action (frames arriving
 * from the engine in between two lines), and the beat after the last one is a Ctrl-C (the pacer
 * says stop, as the console's Ctrl-C does; or, with {@link #interruptAtTheEnd}, the thread is interrupted).
 */
class TelemetryWatchTest {

    private final FakeSessionService engine = new FakeSessionService();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Deque<Runnable> beats = new ArrayDeque<>();
    private TelemetryListener listener;
    private int subscriptions;
    private boolean unsubscribed;
    private int beatsTaken;
    private boolean interruptAtTheEnd;

    private final TelemetryFeed feed = l -> {
        listener = l;
        subscriptions++;
        return () -> unsubscribed = true;
    };

    private final Pacer pacer = () -> {
        beatsTaken++;
        Runnable beat = beats.poll();
        if (beat == null && interruptAtTheEnd) {
            throw new InterruptedException("Gogo interrupted the job");
        }
        if (beat == null) {
            return false;
        }
        beat.run();
        return true;
    };

    @BeforeEach
    void twoDevices() {
        engine.device("sim1", Models.RB1_L4).device("sim2", Models.RB2_L5);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private List<String> watch(String deviceId, PrintStream out) {
        new TelemetryWatch(engine, feed, pacer, out).watch(deviceId);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> watch(String deviceId) {
        return watch(deviceId, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private static Telemetry frame(String deviceId, String sessionId, long timeMs, SessionState state, int cycle,
                                   int step, double... pressuresThenTargets) {
        int n = pressuresThenTargets.length / 2;
        double[] pressures = new double[n];
        double[] targets = new double[n];
        System.arraycopy(pressuresThenTargets, 0, pressures, 0, n);
        System.arraycopy(pressuresThenTargets, n, targets, 0, n);
        return new Telemetry(deviceId, sessionId, timeMs, state, cycle, step, pressures, targets, null, -1);
    }

    @Test
    void newestFrameOfTheWatchedDevicePerBeatUntilInterrupted() {
        beats.add(() -> {
            listener.telemetry(frame("sim1", "s1", 61_000, SessionState.RUNNING, 2, 0, 10, 0, 0, 0, 57, 0, 0, 0));
            listener.telemetry(frame("sim1", "s1", 61_250, SessionState.RUNNING, 2, 0, 21.37, 0, 0, 0, 57, 0, 0, 0));
            listener.telemetry(frame("sim2", "s2", 5_000, SessionState.RUNNING, 1, 0,
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        });
        beats.add(() -> { });
        beats.add(() -> listener.telemetry(frame("sim1", "s1", 62_000, SessionState.RUNNING, 2, 1,
                56.2, 39.96, 0.4, 0, 57, 39.9, 0, 0)));
        beats.add(() -> listener.telemetry(frame("sim1", null, 90_000, SessionState.IDLE, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0)));

        List<String> lines = watch("sim1");

        assertEquals(List.of(
                "watching sim1 (RB1-L4): pressure/target in mmHg per channel; Ctrl-C stops",
                "    TIME  STATE      CYCLE  STEP  Z1          Z2          Z3          Z4",
                "    1:01  RUNNING    2      1     21.4/57     0.0/0       0.0/0       0.0/0",
                "    1:02  RUNNING    2      2     56.2/57     40.0/39.9   0.4/0       0.0/0",
                "       -  IDLE       -      -     0.0/0       0.0/0       0.0/0       0.0/0",
                "stopped watching sim1"), lines);
        assertEquals(1, subscriptions);
        assertTrue(unsubscribed, "the listener is gone after the watch");
    }

    @Test
    void anInterruptEndsTheWatchQuietly() {
        interruptAtTheEnd = true;
        beats.add(() -> listener.telemetry(frame("sim1", null, 0, SessionState.IDLE, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0)));

        List<String> lines = watch("sim1");

        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals("stopped watching sim1", lines.get(3));
        assertTrue(unsubscribed);
        assertFalse(Thread.currentThread().isInterrupted(),
                "handled, not set again: Gogo's interruptible output channel would close at the next write");
    }

    @Test
    void twoLimbsShowEveryChannel() {
        List<String> lines = watch("sim2");
        assertEquals("    TIME  STATE      CYCLE  STEP  L1          L2          L3          L4          L5          "
                + "R1          R2          R3          R4          R5", lines.get(1));
    }

    @Test
    void endsWhenTheConsoleCloses() {
        boolean[] closed = {false};
        OutputStream console = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (closed[0]) {
                    throw new IOException("console closed");
                }
                bytes.write(b);
            }
        };
        beats.add(() -> {
            closed[0] = true;
            listener.telemetry(frame("sim1", "s1", 1000, SessionState.RUNNING, 1, 0, 5, 0, 0, 0, 30, 0, 0, 0));
        });
        beats.add(() -> {
            throw new AssertionError("no beat after the console closed");
        });

        watch("sim1", new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(1, beatsTaken);
        assertTrue(unsubscribed);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void endsWhenTheDeviceGoesAway() {
        beats.add(() -> listener.telemetry(frame("sim1", null, 0, SessionState.IDLE, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0)));
        beats.add(() -> engine.devices.remove("sim1"));

        List<String> lines = watch("sim1");

        assertEquals("sim1 went away; watch ended", lines.get(lines.size() - 1));
        assertEquals(2, beatsTaken);
        assertTrue(unsubscribed);
    }

    @Test
    void aBeatWithoutFramesPrintsNothingWhileTheDeviceIsThere() {
        beats.add(() -> { });
        beats.add(() -> { });
        List<String> lines = watch("sim1");
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals("stopped watching sim1", lines.get(2));
    }

    @Test
    void unknownDevice() {
        assertEquals(List.of("cannot watch sim5: no device sim5; devices: sim1, sim2"), watch("sim5"));
        assertNull(listener);
        assertEquals(0, beatsTaken);
    }
}
