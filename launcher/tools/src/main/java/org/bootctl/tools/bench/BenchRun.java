package org.bootctl.tools.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;

/** Runs the parts of one bench in turn, each timed and each allowed to fail on its own. */
final class BenchRun {

    private final Invocation invocation;
    private final BenchMode mode;
    private final Set<String> parts;
    /** Why a part not in {@link #parts} has no figures. */
    private final String leftOut;
    private boolean anyFailed;

    BenchRun(Invocation invocation, BenchMode mode, Set<String> parts, String leftOut) {
        this.invocation = invocation;
        this.mode = mode;
        this.parts = parts;
        this.leftOut = leftOut;
    }

    @FunctionalInterface
    private interface Measure<T> {
        T run() throws CommandException, InterruptedException, BenchUnavailable;
    }

    BenchReport all() throws InterruptedException {
        Machine machine = Machine.current(); // before the bench loads it
        var regulation = part("regulation", () ->
                RegulationBench.run(invocation, mode.models(), mode.levels(), mode.cycles()));
        var loop = part("loop", () ->
                LoopBench.run(invocation, mode.loopDevices(), mode.loopWarmUpMs(), mode.loopMeasureMs()));
        var speed = part("speed", () -> SpeedBench.run(invocation, mode.speedWarmUpMin(), mode.speedMinutes()));
        var startup = part("startup", () -> StartupBench.run(invocation, mode.startupRuns(), mode.startupSettleMs()));
        var hotswap = part("hotswap", () -> HotswapBench.run(invocation, mode.programDrops(), mode.driverStops()));
        var serial = part("serial", () -> SerialBench.run(invocation, mode.serialSeconds()));
        var fleet = part("fleet", () -> FleetBench.run(mode == BenchMode.SMOKE ? 5 : mode == BenchMode.QUICK ? 20 : 60));
        var reliability = part("reliability", () -> ReliabilityBench.run(invocation, mode));
        var hub = part("hub", () -> HubBench.run(invocation, mode));
        return new BenchReport(mode, machine, regulation, loop, speed, startup, hotswap, serial, fleet, reliability, hub);
    }

    boolean anyFailed() {
        return anyFailed;
    }

    private <T> Part<T> part(String name, Measure<T> measure) throws InterruptedException {
        if (!parts.contains(name)) {
            return Part.none(leftOut, 0);
        }
        PrintStream out = invocation.out();
        out.println("bench: " + name + " ...");
        out.flush();
        long start = System.nanoTime();
        try {
            T value = measure.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println(String.format(Locale.ROOT, "bench: %s done in %.1f s", name, seconds));
            return Part.of(value, seconds);
        } catch (BenchUnavailable e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println(String.format(Locale.ROOT, "bench: %s not measured (%.1f s): %s", name, seconds, e.getMessage()));
            return Part.none(e.getMessage(), seconds);
        } catch (CommandException | RuntimeException e) {
            anyFailed = true;
            double seconds = (System.nanoTime() - start) / 1e9;
            String message = e instanceof CommandException ? e.getMessage() : e.toString();
            invocation.err().println("bootctl: bench " + name + " failed: " + message);
            return Part.failure(message, seconds);
        }
    }
}
