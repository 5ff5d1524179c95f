package org.bootctl.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;

/**
 * How well the engine regulates, judged on the simulator's true chamber pressures in virtual
 * time: every host-regulated model, each level, a few cycles of the {@link StaircaseProgram}
 * (no fit check, no ramp-in), observed every simulated millisecond. RB1-L4, whose firmware
 * regulates, runs the same and is judged by the share of its holding samples within the
 * firmware's band ({@link #FIRMWARE_BAND_MMHG}).
 */
final class RegulationBench {

    /** The host-regulated models the simulator has. */
    static final List<String> MODELS = List.of("RB2-L5", "RB2-A4", "RB2-M8");
    /** The device-regulated models the simulator has (their firmware holds each zone's setpoint). */
    static final List<String> DEVICE_MODELS = List.of("RB1-L4");
    static final List<String> ALL_MODELS = List.of("RB2-L5", "RB2-A4", "RB2-M8", "RB1-L4");
    /** RB1 firmware holds a zone within this of its setpoint (the simulator's RB1-L4 too). */
    static final double FIRMWARE_BAND_MMHG = 3;
    static final List<Integer> LEVELS = List.of(3, 5, 7);
    private static final long OBSERVE_NANOS = 1_000_000L;
    private static final long SETTLE_NANOS = 10_000_000_000L;

    /** One model at one level. */
    record Result(String model, int level, FillAnalysis.Figures figures) {

        boolean deviceRegulated() {
            return DEVICE_MODELS.contains(model);
        }
    }

    private RegulationBench() {
    }

    static List<Result> run(Invocation invocation, List<String> models, List<Integer> levels, int cycles)
            throws CommandException, InterruptedException {
        List<Result> results = new ArrayList<>();
        String first = "reg-" + models.get(0);
        try (BenchFramework framework = BenchFramework.start(invocation,
                Map.of("device", first, "model", models.get(0), "virtual-time", "true"))) {
            for (String model : models.subList(1, models.size())) {
                framework.addSimulatedDevice("reg-" + model, model, true);
            }
            for (String model : models) {
                String id = "reg-" + model;
                framework.awaitDevice(id);
                BootConnection connection = framework.connection(id);
                RegulationMode expected = DEVICE_MODELS.contains(model) ? RegulationMode.DEVICE : RegulationMode.HOST;
                if (!(connection instanceof SimulatedUnit unit) || connection.description().regulation() != expected) {
                    throw CommandException.failure("bench: device " + id + " is not a simulated unit regulated by the "
                            + (expected == RegulationMode.HOST ? "host" : "device"));
                }
                VirtualTimebase clock = unit.timebase().orElseThrow(() ->
                        CommandException.failure("bench: simulated device " + id + " is not on virtual time"));
                for (int level : levels) {
                    results.add(new Result(model, level,
                            level(framework.sessions(), connection.description(), unit, clock, level, cycles)));
                }
            }
        }
        return results;
    }

    static FillAnalysis.Figures level(SessionService sessions, DeviceDescription device, SimulatedUnit unit,
                                              VirtualTimebase clock, int level, int cycles)
            throws CommandException {
        StaircaseProgram program = new StaircaseProgram();
        Settings settings = new Settings(level, 0, 0, Set.of(), false, false);
        Plan plan = program.compile(Garment.of(device), settings);
        SessionInfo started;
        try {
            started = sessions.start(device.id(), program, settings);
        } catch (SessionException e) {
            throw CommandException.failure("bench: " + device.id() + " refused the staircase at level " + level
                    + ": " + e.getMessage());
        }
        String id = started.id();
        int channels = device.channelCount();
        double[] targets = new double[channels];
        double[] pressures = new double[channels];
        FillAnalysis analysis = new FillAnalysis(channels, unit::minimumFillNanos, FIRMWARE_BAND_MMHG);
        long limit = clock.nanoTime() + cycles * cycleBudgetNanos(plan);
        while (true) {
            clock.advance(OBSERVE_NANOS);
            SessionInfo now = sessions.session(id).orElseThrow();
            if (now.state().isFinal()) {
                throw CommandException.failure("bench: the staircase on " + device.id() + " at level " + level
                        + " ended " + now.state() + ": " + now.endReason());
            }
            if (now.cycle() > cycles) {
                break;
            }
            if (clock.nanoTime() - limit > 0) {
                throw CommandException.failure("bench: " + cycles + " staircase cycles on " + device.id()
                        + " took longer than " + (limit / 1_000_000_000L) + " simulated seconds");
            }
            Step step = now.state() == SessionState.RUNNING && now.step() >= 0 ? plan.steps().get(now.step()) : null;
            for (int c = 0; c < channels; c++) {
                ZoneAction action = step == null ? null : step.action(device.channel(c).zone());
                targets[c] = action == null || action.kind() == ZoneAction.Kind.VENT ? 0 : action.targetMmHg();
                pressures[c] = unit.truePressure(c);
            }
            analysis.observe(clock.nanoTime(), targets, pressures);
        }
        try {
            sessions.stop(id);
        } catch (SessionException e) {
            throw CommandException.failure("bench: cannot stop the staircase on " + device.id() + ": " + e.getMessage());
        }
        clock.runUntil(() -> sessions.session(id).map(s -> s.state().isFinal()).orElse(true), SETTLE_NANOS);
        return analysis.figures();
    }

    /** Generous simulated time for one cycle: every step's hold plus its fill time limit. */
    private static long cycleBudgetNanos(Plan plan) {
        return plan.steps().stream().mapToLong(s -> s.holdMs() + s.timeLimitMs()).sum() * 1_000_000L;
    }
}
