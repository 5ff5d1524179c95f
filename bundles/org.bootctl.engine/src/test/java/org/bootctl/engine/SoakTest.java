package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.sim.SimFault;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-to-back sessions on 8 simulated devices sharing one virtual clock, with random faults,
 * programs, settings and a person who sometimes stops, pauses or hits the emergency stop (issue 9).
 * Asserts what must hold however long it runs: heap and thread count flat, every ended session a
 * whole history line, no channel above its trip bound by more than one tick's rise, every fault
 * naming its zone.
 *
 * <p>Simulated hours: {@code -Dbootctl.soak.hours=24} (default 2); seed {@code -Dbootctl.soak.seed}.
 * docs/RELIABILITY.md has the numbers of a 24-hour run.
 */
class SoakTest {

    private static final double HOURS = Double.parseDouble(System.getProperty("bootctl.soak.hours", "2"));
    private static final long SEED = Long.getLong("bootctl.soak.seed", 20261126L);
    /** {@code -Dbootctl.soak.debug=true} prints every session's end and every clear. */
    private static final boolean DEBUG = Boolean.getBoolean("bootctl.soak.debug");
    private static final int DEVICES = 8;
    private static final List<ModelSpec> MODELS = List.of(Models.RB2_L5, Models.RB2_A4, Models.RB2_M8, Models.RB1_L4);
    private static final List<String> PROGRAMS = List.of("seq", "seq-quick", "hold1");
    private static final double STEP_S = 0.5;
    private static final long MONITOR_NANOS = Harness.TICK_NANOS;

    @TempDir
    Path data;

    private Harness h;
    private SplittableRandom random;
    private final Map<String, Double> maxRise = new TreeMap<>();
    /** Per model, the highest true pressure of a session whose unit had a stuck or dropped-out sensor, and how many. */
    private final Map<String, Double> blindPeak = new TreeMap<>();
    private final Map<String, Integer> blindSessions = new TreeMap<>();
    private final List<Peak> peaks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> ended = new HashSet<>();
    private final Map<String, Integer> endings = new TreeMap<>();
    private int refused;
    private int replaced;
    private int cleared;

    /** One device position: the simulated unit now plugged in there, and its session. */
    private final class Slot {
        final String id;
        ModelSpec model;
        SimulatedDevice sim;
        List<SimFault> faults = List.of();
        double[] peak;
        double[] last;
        SessionInfo session;
        double actionAt = -1;
        String action = "none";
        double resumeAt = -1;
        double readyAt;
        int clearTries;
        String lastEnd;
        String lastId;
        boolean used;

        Slot(int n) {
            id = "dev" + n;
        }
    }

    /** A channel that went above its trip bound (or hard limit) in one session: checked against a tick's rise at the end. */
    private record Peak(String session, String model, String channel, double peak, double trip, boolean sensorBlind,
                        double hardLimit) {
    }

    @Test
    void backToBackSessionsOnEightDevicesStayWithinTheirBounds() throws Exception {
        random = new SplittableRandom(SEED);
        h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        h.program(TestPrograms.program("seq-quick", 1, 16, (g, s) -> quick(g.zones(), s)));
        h.program(TestPrograms.holdZoneOne(60, Step.DEFAULT_TIME_LIMIT_MS));
        List<Slot> slots = new ArrayList<>();
        for (int n = 1; n <= DEVICES; n++) {
            Slot slot = new Slot(n);
            plugIn(slot);
            slots.add(slot);
        }
        h.time.scheduleAtFixedRate(MONITOR_NANOS, () -> slots.forEach(this::monitor));

        long wallStart = System.nanoTime();
        double end = HOURS * 3600;
        double quarter = end / 4;
        long heapAtQuarter = -1;
        int threadsAtQuarter = -1;
        for (double t = 0; t < end; t += STEP_S) {
            h.seconds(STEP_S);
            double now = now();
            for (Slot slot : slots) {
                step(slot, now);
            }
            h.sessionEvents.clear(); // the harness keeps every event; this test reads none of them
            h.deviceEvents.clear();
            if (heapAtQuarter < 0 && now >= quarter) {
                heapAtQuarter = usedHeapAfterGc();
                threadsAtQuarter = ManagementFactory.getThreadMXBean().getThreadCount();
            }
        }
        // the person stops whatever still runs; every session ends and is in the history
        for (Slot slot : slots) {
            if (slot.session != null && !state(slot).isFinal()) {
                h.engine.stop(slot.session.id());
            }
        }
        assertTrue(h.runUntil(() -> slots.stream().allMatch(s -> s.session == null || state(s).isFinal()), 30),
                "every session ends once stopped");
        for (Slot slot : slots) {
            if (slot.session != null) {
                finish(slot, now());
            }
        }
        long heapAtEnd = usedHeapAfterGc();
        int threadsAtEnd = ManagementFactory.getThreadMXBean().getThreadCount();
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;

        List<String> history = Files.readAllLines(data.resolve("history.jsonl"), StandardCharsets.UTF_8);
        Set<String> recorded = new HashSet<>();
        for (String line : history) {
            JsonObject record = JsonParser.parseString(line).getAsJsonObject(); // a torn line throws here
            assertTrue(recorded.add(record.get("id").getAsString()), "one line per session: " + line);
            assertTrue(record.has("state") && record.has("end"), "a whole record: " + line);
        }
        String summary = String.format(Locale.ROOT,
                "soak seed %d: %.1f simulated h on %d devices in %.1f s wall: %d sessions %s, %d refused, %d devices"
                        + " replaced, %d faults cleared; heap %d MiB at 25%% -> %d MiB at end; threads %d -> %d;"
                        + " one tick's rise %s; on units with a stuck or dropped-out sensor: %s sessions, highest true pressure %s",
                SEED, HOURS, DEVICES, wallSeconds, ended.size(), endings, refused, replaced, cleared,
                heapAtQuarter >> 20, heapAtEnd >> 20, threadsAtQuarter, threadsAtEnd, rises(), blindSessions,
                perModel(blindPeak));
        System.out.println(summary);

        assertEquals(ended, recorded, "every ended session, and only those, in the history: " + summary);
        assertEquals(ended.size(), h.engine.recent(Integer.MAX_VALUE).size(), "every line reads back");
        try (Stream<Path> open = Files.list(data.resolve("sessions").resolve("open"))) {
            assertEquals(List.of(), open.toList(), "no session left open");
        }
        assertTrue(ended.size() > HOURS * DEVICES * 6, "sessions run back to back: " + summary);
        assertTrue(endings.getOrDefault("FAULT", 0) > 0 && endings.getOrDefault("COMPLETED", 0) > 0, summary);
        for (Peak p : peaks) {
            double rise = maxRise.get(p.model());
            double bound = (p.sensorBlind() ? p.hardLimit() : p.trip()) + rise;
            if (p.peak() > bound) {
                problems.add(String.format(Locale.ROOT, "session %s %s %s: %.1f mmHg above its bound %.1f (%s %.1f + a"
                                + " tick's rise %.1f)", p.session(), p.model(), p.channel(), p.peak(), bound,
                        p.sensorBlind() ? "hard limit, sensor blind" : "trip", p.sensorBlind() ? p.hardLimit() : p.trip(),
                        rise));
            }
        }
        assertEquals(List.of(), problems, summary);
        assertTrue(heapAtEnd < heapAtQuarter * 1.5 + (48 << 20), "heap flat (a leak check): " + summary);
        assertTrue(threadsAtEnd <= threadsAtQuarter + 2, "thread count flat: " + summary);
    }

    // ---- one device position per step ----

    private void step(Slot slot, double now) throws Exception {
        if (slot.session != null) {
            SessionState state = state(slot);
            if (!state.isFinal()) {
                act(slot, now, state);
                return;
            }
            finish(slot, now);
        }
        if (!slot.faults.isEmpty() && slot.used) {
            replace(slot, now); // an injected fault stays in the unit: a fresh one is plugged in
            return;
        }
        DeviceStatus status = h.engine.device(slot.id).orElseThrow();
        if (status.fault() != null) {
            try {
                h.engine.clearFault(slot.id);
                cleared++;
                if (DEBUG) {
                    System.out.println(slot.id + " cleared at " + now + ": " + status.fault().message());
                }
                slot.clearTries = 0;
            } catch (SessionException e) {
                if (++slot.clearTries > 60) {
                    double[] truth = new double[slot.sim.description().channelCount()];
                    for (int c = 0; c < truth.length; c++) {
                        truth[c] = slot.sim.truePressure(c);
                    }
                    problems.add(slot.id + " (" + slot.model.model() + ") could not be cleared for 30 s after "
                            + slot.lastEnd + ": " + e.getMessage() + "; true pressures " + java.util.Arrays.toString(truth));
                    replace(slot, now);
                }
            }
            return;
        }
        if (now < slot.readyAt) {
            return;
        }
        if (slot.used && random.nextInt(4) == 0) {
            replace(slot, now); // now and then another unit, which may carry a fault
            return;
        }
        start(slot, now);
    }

    private void start(Slot slot, double now) {
        int zones = slot.model.zoneNames().size();
        Settings settings = randomSettings(zones);
        String program = PROGRAMS.get(random.nextInt(PROGRAMS.size()));
        try {
            slot.session = h.engine.start(slot.id, program, settings);
        } catch (SessionException e) {
            refused++;
            slot.readyAt = now + 1;
            return;
        }
        int channels = slot.sim.description().channelCount();
        slot.used = true;
        slot.peak = new double[channels];
        slot.last = new double[channels];
        slot.resumeAt = -1;
        double minutes = settings.minutes();
        int dice = random.nextInt(20);
        slot.action = dice < 12 ? "none" : dice < 14 ? "stop" : dice < 17 ? "pause" : "emergency";
        slot.actionAt = now + random.nextDouble() * minutes * 60;
    }

    /** What the person does during a session. */
    private void act(Slot slot, double now, SessionState state) throws SessionException {
        String id = slot.session.id();
        if (slot.resumeAt >= 0 && now >= slot.resumeAt && state == SessionState.PAUSED) {
            h.engine.resume(id);
            slot.resumeAt = -1;
            return;
        }
        if (slot.actionAt < 0 || now < slot.actionAt) {
            return;
        }
        slot.actionAt = -1;
        switch (slot.action) {
            case "stop" -> h.engine.stop(id);
            case "emergency" -> assertTrue(h.engine.emergencyStop(slot.id), "an emergency stop is never refused");
            case "pause" -> {
                if (state == SessionState.RUNNING) {
                    h.engine.pause(id);
                    slot.resumeAt = now + 5 + random.nextInt(60);
                }
            }
            default -> {
            }
        }
    }

    private void finish(Slot slot, double now) {
        SessionInfo info = h.engine.session(slot.session.id()).orElseThrow();
        ended.add(info.id());
        endings.merge(info.state().name(), 1, Integer::sum);
        if (info.state() == SessionState.FAULT) {
            Fault fault = info.fault();
            if (fault == null || !fault.message().matches(".*zone \\d+ \\([^)]*\\).*-?\\d+\\.\\d mmHg.*")) {
                problems.add(info.id() + " on " + slot.model.model() + " " + slot.faults
                        + ": a fault message that names no zone and pressure: " + (fault == null ? info.endReason()
                        : fault.message()));
            }
        }
        DeviceDescription device = slot.sim.description();
        boolean sensorBlind = slot.faults.stream().anyMatch(f -> f.kind() == SimFault.Kind.SENSOR_STUCK
                || f.kind() == SimFault.Kind.SENSOR_DROPOUT);
        for (int c = 0; c < device.channelCount() && sensorBlind; c++) {
            blindPeak.merge(slot.model.model(), slot.peak[c], Math::max);
        }
        if (sensorBlind) {
            blindSessions.merge(slot.model.model(), 1, Integer::sum);
        }
        for (int c = 0; c < device.channelCount(); c++) {
            double limit = info.settings().limit(device.channel(c).zone());
            double trip = Math.min(device.hardLimitMmHg() - 5, limit + 15);
            double mustStayUnder = sensorBlind ? device.hardLimitMmHg() : trip;
            if (slot.peak[c] <= mustStayUnder) {
                continue; // within its bound even without a tick's rise: nothing to keep (the soak keeps no history of its own)
            }
            peaks.add(new Peak(info.id() + " " + slot.faults, slot.model.model(), device.channel(c).id(), slot.peak[c],
                    trip, sensorBlind, device.hardLimitMmHg()));
        }
        slot.lastId = info.id();
        slot.lastEnd = info.id() + " " + info.programId() + " " + info.settings() + " " + info.state() + " ("
                + info.endReason() + ") at " + now + " s";
        if (DEBUG) {
            System.out.println(slot.id + " " + slot.model.model() + " " + slot.faults + " action " + slot.action + ": "
                    + slot.lastEnd);
        }
        slot.session = null;
        slot.readyAt = now + random.nextInt(3);
    }

    /** Sequential with short holds and a 10 s cycle; its vent step holds 4 s so the zones are empty before the next cycle. */
    private static Plan quick(int zones, Settings settings) {
        List<Step> steps = new ArrayList<>(TestPrograms.sequentialPlan(zones, settings, 500, 10_000,
                Step.DEFAULT_TIME_LIMIT_MS).steps());
        Step vent = steps.remove(steps.size() - 1);
        steps.add(new Step(vent.actions(), 4000));
        return new Plan("seq-quick", "1.0", steps, 10_000);
    }

    // ---- devices ----

    private void plugIn(Slot slot) {
        slot.model = MODELS.get(random.nextInt(MODELS.size()));
        slot.faults = randomFaults(slot.model);
        slot.sim = SimulatedDevice.of(slot.id, slot.model, slot.faults, h.time, random.nextLong());
        slot.sim.start();
        h.engine.addDevice(slot.sim);
        slot.readyAt = now() + 0.3;
        slot.clearTries = 0;
        slot.used = false;
    }

    private void replace(Slot slot, double now) {
        h.engine.removeDevice(slot.sim);
        slot.sim.close();
        replaced++;
        plugIn(slot);
    }

    /** Half the units are sound; the others carry one fault, at a random time within the next few minutes. */
    private List<SimFault> randomFaults(ModelSpec model) {
        if (random.nextBoolean()) {
            return List.of();
        }
        SimFault.Kind kind = SimFault.Kind.values()[random.nextInt(SimFault.Kind.values().length)];
        String spec = kind.word() + (kind.hasZone() ? ":" + (1 + random.nextInt(model.zoneNames().size())) : "")
                + (kind.hasTime() ? "@" + (5 + random.nextInt(240)) : "");
        return SimFault.parseAll(spec, model);
    }

    private Settings randomSettings(int zones) {
        double minutes = 1 + random.nextInt(4);
        Settings base = random.nextBoolean() ? Settings.level(1 + random.nextInt(7), minutes)
                : Settings.pressure(10 + random.nextInt(111), minutes);
        Set<Integer> boost = new HashSet<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            boost.add(1 + random.nextInt(zones));
        }
        return base.withBoost(boost).withRampIn(random.nextBoolean()).withFitCheck(random.nextInt(4) == 0);
    }

    // ---- measuring ----

    /** Every tick: the highest true pressure per channel of each session, and the fastest rise of each model. */
    private void monitor(Slot slot) {
        if (slot.session == null || slot.peak == null) {
            return;
        }
        for (int c = 0; c < slot.peak.length; c++) {
            double p = slot.sim.truePressure(c);
            slot.peak[c] = Math.max(slot.peak[c], p);
            maxRise.merge(slot.model.model(), p - slot.last[c], Math::max);
            slot.last[c] = p;
        }
    }

    private String rises() {
        return perModel(maxRise);
    }

    private static String perModel(Map<String, Double> mmHg) {
        StringBuilder out = new StringBuilder();
        mmHg.forEach((model, value) -> out.append(String.format(Locale.ROOT, "%s %.1f mmHg ", model, value)));
        return out.toString().trim();
    }

    private SessionState state(Slot slot) {
        return h.engine.session(slot.session.id()).orElseThrow().state();
    }

    private double now() {
        return h.time.nanoTime() / 1e9;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
