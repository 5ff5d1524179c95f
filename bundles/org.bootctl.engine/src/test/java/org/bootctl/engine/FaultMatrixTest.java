package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.sim.SimFault;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator rows of docs/RELIABILITY.md's fault matrix, measured in virtual time: for each
 * fault, the highest true chamber pressure, the ticks from the fault's onset to the session's end
 * (every valve commanded to vent), the seconds until every chamber is under 5 mmHg, and the words
 * a person sees. Prints the table (and writes {@code target/fault-matrix.md}); re-run with
 * {@code mvn -pl bundles/org.bootctl.engine test -Dtest=FaultMatrixTest}.
 */
class FaultMatrixTest {

    private static final double TICK_S = Harness.TICK_NANOS / 1e9;
    private static final double VENTED_MMHG = 5;
    @TempDir
    Path data;

    private final List<String> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int run;

    /** One measured case. */
    private final class Probe {
        final Harness h;
        final SimulatedDevice sim;
        final DeviceDescription device;
        double highest;
        double fastestRise;
        private final double[] last;

        Probe(ModelSpec model, String faults) {
            h = new Harness(data.resolve("run" + run++));
            h.program(TestPrograms.sequential(2000, 60_000));
            sim = SimulatedDevice.of("dev1", model, SimFault.parseAll(faults, model), h.time, 42);
            sim.start();
            device = sim.description();
            last = new double[device.channelCount()];
            h.time.scheduleAtFixedRate(Harness.TICK_NANOS, this::measure);
            h.connect(sim);
        }

        private void measure() {
            for (int c = 0; c < last.length; c++) {
                double p = sim.truePressure(c);
                highest = Math.max(highest, p);
                fastestRise = Math.max(fastestRise, p - last[c]);
                last[c] = p;
            }
        }

        double now() {
            return h.time.nanoTime() / 1e9;
        }

        boolean vented() {
            for (int c = 0; c < last.length; c++) {
                if (sim.truePressure(c) >= VENTED_MMHG) {
                    return false;
                }
            }
            return true;
        }

        /** Ticks until {@code done}, at most {@code maxSeconds}; -1 if it never was. */
        int ticksUntil(java.util.function.BooleanSupplier done, double maxSeconds) {
            for (int ticks = 0; ticks * TICK_S <= maxSeconds; ticks++) {
                if (done.getAsBoolean()) {
                    return ticks;
                }
                h.tick();
            }
            return -1;
        }
    }

    @Test
    void everySimulatedFaultReachesTheSafeStateWithinItsBounds() throws IOException {
        for (ModelSpec model : List.of(Models.RB2_L5, Models.RB1_L4)) {
            fault(model, "leak:3", true);
            fault(model, "leak:3", false);
            fault(model, "disconnected:2", true);
            fault(model, "disconnected:2", false);
            fault(model, "stuck-fill:4@40", false);
            fault(model, "sensor-stuck:3@40", false);
            fault(model, "sensor-dropout@40", false);
            fault(model, "pump-failure@40", false);
            fault(model, "stall@40", false);
        }
        // a small chamber, boosted, its sensor stuck mid-fill (found by the soak)
        fault(Models.RB2_A4, "sensor-stuck:4@12", new Settings(0, 58, 5, java.util.Set.of(3, 4), true, false));
        for (String state : List.of("IDLE", "FIT_CHECK", "RUNNING", "PAUSED", "VENTING", "COMPLETED", "FAULT")) {
            emergencyStop(Models.RB2_L5, state);
        }
        emergencyStop(Models.RB1_L4, "RUNNING");
        String table = String.join("\n", List.of(
                "| case | device | highest true pressure (after an emergency stop: from the stop on) | ticks from onset to the session's end | to every zone < 5 mmHg | what a person sees |",
                "|---|---|---|---|---|---|")) + "\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fault-matrix.md"), table);
        assertEquals(List.of(), problems);
    }

    private void fault(ModelSpec model, String spec, boolean fitCheck) {
        fault(model, spec, Settings.level(7, 5).withFitCheck(fitCheck));
    }

    private void fault(ModelSpec model, String spec, Settings settings) {
        boolean fitCheck = settings.fitCheck();
        Probe p = new Probe(model, spec);
        SessionInfo s = start(p, settings);
        SimFault fault = SimFault.parseAll(spec, model).get(0);
        double onset = fault.kind().hasTime() ? fault.atSeconds() : p.now();
        p.h.runUntil(() -> p.now() >= onset, 600);
        int ticks = p.ticksUntil(() -> p.h.state(s.id()).isFinal(), 300);
        SessionInfo ended = p.h.info(s.id());
        int vent = p.ticksUntil(p::vented, 60);
        boolean blind = fault.kind() == SimFault.Kind.SENSOR_STUCK || fault.kind() == SimFault.Kind.SENSOR_DROPOUT;
        double limit = 0;
        for (int zone = 1; zone <= model.zoneNames().size(); zone++) {
            limit = Math.max(limit, settings.limit(zone));
        }
        double bound = blind ? model.hardLimitMmHg() : Math.min(model.hardLimitMmHg() - 5, limit + 15);
        String message = ended.fault() != null ? ended.fault().message() : ended.endReason();
        String level = settings.level() == 7 && settings.boostZones().isEmpty() ? ""
                : String.format(Locale.ROOT, ", cap %.0f mmHg, boost %s", settings.cap(), settings.boostZones());
        row(spec + (fitCheck ? ", fit check" : ", no fit check") + level, model, p, bound, blind, ticks, vent, message);
        if (ended.state() != SessionState.FAULT) {
            problems.add(model.model() + " " + spec + ": ended " + ended.state() + " (" + ended.endReason() + ")");
        } else if (!message.matches(".*zone \\d+ \\([^)]*\\).*")) {
            problems.add(model.model() + " " + spec + ": the message names no zone: " + message);
        }
    }

    /** An emergency stop in {@code state}: the session (if any) ends STOPPED, the device vents and stays latched. */
    private void emergencyStop(ModelSpec model, String state) {
        Probe p = new Probe(model, state.equals("FAULT") ? "stall@20" : "");
        Settings settings = Settings.level(7, state.equals("COMPLETED") ? 1 : 5).withFitCheck(state.equals("FIT_CHECK"));
        SessionInfo s = state.equals("IDLE") ? null : start(p, settings);
        Consumer<Double> run = seconds -> p.h.seconds(seconds);
        switch (state) {
            case "FIT_CHECK" -> p.h.runUntil(() -> p.h.state(s.id()) == SessionState.FIT_CHECK && p.highest > 5, 30);
            case "RUNNING" -> run.accept(30.0);
            case "PAUSED" -> {
                run.accept(30.0);
                pause(p, s);
            }
            case "VENTING" -> {
                run.accept(30.0);
                stop(p, s);
                p.h.tick();
            }
            case "COMPLETED", "FAULT" -> p.h.runUntil(() -> p.h.state(s.id()).isFinal(), 200);
            default -> run.accept(1.0);
        }
        String before = s == null ? "IDLE" : p.h.state(s.id()).name();
        if (!before.equals(state)) {
            problems.add(model.model() + " emergency stop: wanted the session " + state + ", it was " + before);
        }
        double atStop = p.highest;
        p.highest = 0;
        boolean taken = p.h.engine.emergencyStop("dev1");
        int ticks = s == null ? 0 : p.ticksUntil(() -> p.h.state(s.id()).isFinal(), 30);
        int vent = p.ticksUntil(p::vented, 60);
        String message = p.h.device().fault() == null ? "(nothing latched)" : p.h.device().fault().message();
        if (s != null && !List.of("COMPLETED", "FAULT").contains(state)) {
            message = p.h.info(s.id()).state() + " (" + p.h.info(s.id()).endReason() + "); " + message;
        }
        row("emergency stop in " + state, model,
                p, atStop, false, ticks, vent, message);
        if (!taken || p.h.device().fault() == null) {
            problems.add(model.model() + " emergency stop in " + state + ": not taken or not latched");
        }
        if (p.highest > atStop + p.fastestRise) {
            problems.add(model.model() + " emergency stop in " + state + ": pressure rose to " + p.highest);
        }
    }

    private static SessionInfo start(Probe p, Settings settings) {
        try {
            return p.h.start("seq", settings);
        } catch (org.bootctl.api.session.SessionException e) {
            throw new AssertionError(e);
        }
    }

    private static void pause(Probe p, SessionInfo s) {
        try {
            p.h.engine.pause(s.id());
            p.h.runUntilState(s.id(), SessionState.PAUSED, 5);
        } catch (org.bootctl.api.session.SessionException e) {
            throw new AssertionError(e);
        }
    }

    private static void stop(Probe p, SessionInfo s) {
        try {
            p.h.engine.stop(s.id());
        } catch (org.bootctl.api.session.SessionException e) {
            throw new AssertionError(e);
        }
    }

    private void row(String kase, ModelSpec model, Probe p, double bound, boolean blind, int ticks, int vent,
                     String message) {
        String kind = model.regulation() == org.bootctl.api.device.RegulationMode.HOST ? "host-regulated" : "device-regulated";
        rows.add(String.format(Locale.ROOT, "| %s | simulator %s (%s) | %.1f mmHg (%s %.1f) | %s | %s | %s |", kase,
                model.model(), kind, p.highest, kase.startsWith("emergency") ? "highest before the stop:"
                        : blind ? "hard limit, sensor blind:" : "trip bound", bound,
                ticks < 0 ? "not within 300 s" : ticks + " (" + String.format(Locale.ROOT, "%.2f s", ticks * TICK_S) + ")",
                vent < 0 ? "not within 60 s" : String.format(Locale.ROOT, "%.1f s", vent * TICK_S),
                message.replace("|", "\\|")));
        if (!kase.startsWith("emergency") && p.highest > bound + p.fastestRise) {
            problems.add(model.model() + " " + kase + ": " + p.highest + " mmHg passes its bound " + bound
                    + " by more than one tick's rise " + p.fastestRise);
        }
    }
}
