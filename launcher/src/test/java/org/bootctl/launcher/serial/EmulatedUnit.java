package org.bootctl.launcher.serial;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.Waits;

/**
 * {@code bootctl emulate}'s feature (emulator-rb2 or emulator-rb1) started in this JVM, so the
 * test can see what a real unit cannot tell: the true chamber pressures of the simulated physics
 * behind the emulated firmware, and when the emulator injected a fault or latched one (its log).
 * A sampler thread reads the true pressures every {@value #SAMPLE_MS} ms. Events are those of
 * this kind of emulator (RB2 or RB1) only: one of each may run at a time.
 */
final class EmulatedUnit implements AutoCloseable {

    static final long TICK_NANOS = 20_000_000L;
    private static final long SAMPLE_MS = 5;
    private static final String PLANT = "emulated";
    /** The drivers and their emulators log under these (java.util.logging behind System.Logger). */
    private static final Logger DRIVERS = Logger.getLogger("org.bootctl.driver");

    /** A line the emulator (or a driver, both log here) logged, and when. */
    record Event(long nanos, String message) {
    }

    private final OsgiRuntime runtime;
    private final SimulatedUnit unit;
    private final int channels;
    private final long startNanos;
    private final List<Event> events = new ArrayList<>();
    private final Handler handler;
    private final Thread sampler;
    private volatile boolean closed;

    // guarded by this
    private double highest;
    private double highestSinceMark;
    private double fastestRise;
    private double[] now;
    private final Deque<long[]> recentTimes = new ArrayDeque<>();
    private final Deque<double[]> recent = new ArrayDeque<>();

    private EmulatedUnit(OsgiRuntime runtime, BootConnection plant, boolean rb1) {
        this.runtime = runtime;
        this.unit = (SimulatedUnit) plant;
        this.channels = plant.description().channelCount();
        this.startNanos = deviceStart(plant);
        this.now = new double[channels];
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String logger = String.valueOf(record.getLoggerName());
                boolean emulator = rb1 ? logger.startsWith("org.bootctl.driver.rb1.emulator.Rb1Emulator")
                        || logger.startsWith("org.bootctl.driver.rb1.emulator.Rb1Firmware")
                        : logger.startsWith("org.bootctl.driver.rb2.emulator");
                if (!emulator) {
                    return; // a driver's, or the other kind of emulator's
                }
                synchronized (events) {
                    events.add(new Event(System.nanoTime(), String.valueOf(record.getMessage())));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        DRIVERS.setLevel(Level.INFO);
        DRIVERS.addHandler(handler);
        this.sampler = new Thread(this::sample, "true-pressure sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Starts the emulator feature for {@code model} on {@code port}, with the emulator's faults
     * ({@code --fault}) and the simulated physics' faults ({@code --sim-fault}).
     */
    static EmulatedUnit start(String model, String port, List<String> faults, List<String> simFaults, Path data)
            throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("port", port);
        variables.put("model", model);
        variables.put("faults", String.join(",", faults));
        variables.put("sim-faults", String.join(",", simFaults));
        String feature = model.startsWith("RB1") ? "emulator-rb1" : "emulator-rb2";
        OsgiRuntime runtime = Runtimes.start(feature, variables, data);
        try {
            BootConnection plant = runtime.awaitService(BootConnection.class, "(" + BootConnection.DEVICE_ID + "=" + PLANT
                    + ")", Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("no simulated plant"));
            return new EmulatedUnit(runtime, plant, model.startsWith("RB1"));
        } catch (Exception | AssertionError e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * When the simulated unit started, on {@link System#nanoTime()}: its faults' {@code @S} count
     * from there. The simulator keeps it private (a test-only peek; it runs on a SystemTimebase,
     * whose clock is {@code System.nanoTime()}).
     */
    private static long deviceStart(BootConnection plant) {
        try {
            // declared by SimulatedDevice, the base of the kind the simulator made (host or device regulated)
            for (Class<?> type = plant.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals("startNanos")) {
                        field.setAccessible(true);
                        return field.getLong(plant);
                    }
                }
            }
            throw new NoSuchFieldException("startNanos");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError("cannot read the simulated unit's start time (" + e + "): has SimulatedDevice changed?");
        }
    }

    /** Nanos of {@link System#nanoTime()} at {@code seconds} after the unit started. */
    long deviceTime(double seconds) {
        return startNanos + Math.round(seconds * 1e9);
    }

    private void sample() {
        double[] p = new double[channels];
        while (!closed) {
            for (int c = 0; c < channels; c++) {
                // read off the unit's thread: a test's look at a double the physics thread writes
                p[c] = unit.truePressure(c);
            }
            record(System.nanoTime(), p.clone());
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(long nanos, double[] p) {
        now = p;
        // the rise over the last tick: against the newest sample at least one tick old
        while (recentTimes.size() > 1 && nanos - recentTimes.peekFirst()[0] > 2 * TICK_NANOS) {
            recentTimes.removeFirst();
            recent.removeFirst();
        }
        double[] old = null;
        long oldNanos = 0;
        var times = recentTimes.descendingIterator();
        var values = recent.descendingIterator();
        while (times.hasNext()) {
            long t = times.next()[0];
            double[] v = values.next();
            if (nanos - t >= TICK_NANOS) {
                old = v;
                oldNanos = t;
                break;
            }
        }
        for (int c = 0; c < channels; c++) {
            highest = Math.max(highest, p[c]);
            highestSinceMark = Math.max(highestSinceMark, p[c]);
            if (old != null) {
                // per tick, also when the sampler was late
                double rise = (p[c] - old[c]) * TICK_NANOS / Math.max(TICK_NANOS, nanos - oldNanos);
                fastestRise = Math.max(fastestRise, rise);
            }
        }
        recentTimes.addLast(new long[] {nanos});
        recent.addLast(p);
    }

    /** The highest true pressure of any chamber so far. */
    synchronized double highest() {
        return highest;
    }

    /** Starts {@link #highestSinceMark()} again; returns the highest before. */
    synchronized double mark() {
        double before = highestSinceMark;
        highestSinceMark = 0;
        for (double p : now) {
            highestSinceMark = Math.max(highestSinceMark, p);
        }
        return before;
    }

    synchronized double highestSinceMark() {
        return highestSinceMark;
    }

    /** The fastest rise of any chamber in one 20 ms tick so far. */
    synchronized double fastestRise() {
        return fastestRise;
    }

    synchronized double highestNow() {
        double max = 0;
        for (double p : now) {
            max = Math.max(max, p);
        }
        return max;
    }

    /** Every chamber under {@code mmHg} now. */
    boolean below(double mmHg) {
        return highestNow() < mmHg;
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The first event whose message matches, waiting up to {@code millis} for it. */
    Event awaitEvent(String what, Predicate<String> matches, long millis) {
        Waits.until(() -> "the emulator to log " + what + "; it logged: " + events().stream().map(Event::message).toList(),
                millis, () -> event(matches).isPresent());
        return event(matches).orElseThrow();
    }

    Optional<Event> event(Predicate<String> matches) {
        return events().stream().filter(e -> matches.test(e.message())).findFirst();
    }

    @Override
    public void close() {
        closed = true;
        DRIVERS.removeHandler(handler);
        runtime.close();
    }
}
