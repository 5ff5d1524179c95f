package org.bootctl.tools.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of one bench run: the table a person reads, and the JSON a script reads under
 * its stable keys ({@code regulation[]}, {@code regulation_device[]}, {@code loop[]},
 * {@code virtual_speedup}, {@code startup}, {@code hotswap}, {@code serial}, {@code fleet},
 * {@code reliability}, {@code hub}, {@code targets}); a part without figures is null there, its reason in the
 * table. The targets are those of the board a manufacturer would pick (issue 18); the loop's
 * 32-device row keeps the first ones.
 */
record BenchReport(BenchMode mode, Machine machine, Part<List<RegulationBench.Result>> regulation,
                   Part<List<LoopBench.Result>> loop, Part<SpeedBench.Result> speed,
                   Part<StartupBench.Result> startup, Part<HotswapBench.Result> hotswap,
                   Part<SerialBench.Result> serial, Part<FleetBench.Result> fleet,
                   Part<ReliabilityBench.Result> reliability, Part<HubBench.Result> hub) {

    static final double OVERSHOOT_TARGET = 1.5;
    static final double HOLD_RMS_TARGET = 1;
    static final double FILL_RATIO_TARGET = 1.03;
    /** RB1-L4 (its firmware regulates): the share of holding samples within its band. */
    static final double FIRMWARE_HELD_TARGET_PCT = 99;
    static final int LOOP_TARGET_DEVICES = 32;
    static final double P99_TARGET_MS = 1;
    static final double MAX_TARGET_MS = 5;
    static final double CPU_TARGET_PCT = 0.5;
    static final int LOOP_WIDE_DEVICES = 128;
    static final double CPU_WIDE_TARGET_PCT = 0.25;
    static final double SPEEDUP_TARGET = 5000;
    static final double READY_TARGET_MS = 600;
    static final double RSS_TARGET_MB = 64;
    static final double TRIMMED_READY_TARGET_MS = 600;
    static final double TRIMMED_RSS_TARGET_MB = 60;
    static final double PROGRAM_TARGET_MS = 300;
    static final double DRIVER_FAULT_TARGET_MS = 20;
    static final double SERIAL_P99_TARGET_MS = 20;

    // ---- JSON ----

    JsonObject json() {
        JsonObject root = new JsonObject();
        if (regulation.measured()) {
            JsonArray rows = new JsonArray();
            JsonArray deviceRows = new JsonArray();
            for (RegulationBench.Result r : regulation.value()) {
                if (r.deviceRegulated()) {
                    JsonObject row = new JsonObject();
                    row.addProperty("model", r.model());
                    row.addProperty("level", r.level());
                    row.add("band_mmHg", number(RegulationBench.FIRMWARE_BAND_MMHG, 1));
                    row.add("held_within_band_pct", number(r.figures().heldWithinBandPct(), 2));
                    row.add("hold_rms_mmHg", number(r.figures().holdRmsMmHg(), 3));
                    row.add("overshoot_max_mmHg", number(r.figures().overshootMaxMmHg(), 2));
                    deviceRows.add(row);
                    continue;
                }
                JsonObject row = new JsonObject();
                row.addProperty("model", r.model());
                row.addProperty("level", r.level());
                row.add("overshoot_max_mmHg", number(r.figures().overshootMaxMmHg(), 2));
                row.add("hold_rms_mmHg", number(r.figures().holdRmsMmHg(), 3));
                row.add("fill_ratio_median", number(r.figures().fillRatioMedian(), 3));
                rows.add(row);
            }
            root.add("regulation", rows);
            root.add("regulation_device", deviceRows);
        } else {
            root.add("regulation", JsonNull.INSTANCE);
            root.add("regulation_device", JsonNull.INSTANCE);
        }
        if (loop.measured()) {
            JsonArray rows = new JsonArray();
            for (LoopBench.Result r : loop.value()) {
                JsonObject row = new JsonObject();
                row.addProperty("devices", r.devices());
                row.add("lateness_p50_ms", number(r.latenessP50Ms(), 3));
                row.add("lateness_p99_ms", number(r.latenessP99Ms(), 3));
                row.add("lateness_max_ms", number(r.latenessMaxMs(), 3));
                row.add("cpu_pct_per_device", number(r.cpuPctPerDevice(), 3));
                rows.add(row);
            }
            root.add("loop", rows);
        } else {
            root.add("loop", JsonNull.INSTANCE);
        }
        root.add("virtual_speedup", speed.measured() ? number(speed.value().speedup(), 0) : JsonNull.INSTANCE);
        if (startup.measured()) {
            StartupBench.Result s = startup.value();
            JsonObject o = new JsonObject();
            o.add("ready_ms", number(s.defaults().readyMs(), 0));
            o.add("rss_mb", number(s.defaults().rssMb(), 1));
            o.add("ready_ms_small", number(s.small().readyMs(), 0));
            o.add("rss_mb_small", number(s.small().rssMb(), 1));
            o.add("ready_ms_trimmed", s.trimmed() == null ? JsonNull.INSTANCE : number(s.trimmed().readyMs(), 0));
            o.add("rss_mb_trimmed", s.trimmed() == null ? JsonNull.INSTANCE : number(s.trimmed().rssMb(), 1));
            root.add("startup", o);
        } else {
            root.add("startup", JsonNull.INSTANCE);
        }
        if (hotswap.measured()) {
            JsonObject o = new JsonObject();
            o.add("program_ms", number(hotswap.value().programMs(), 1));
            o.add("driver_fault_ms", number(hotswap.value().driverFaultMs(), 2));
            root.add("hotswap", o);
        } else {
            root.add("hotswap", JsonNull.INSTANCE);
        }
        if (serial.measured()) {
            SerialBench.Result s = serial.value();
            JsonObject o = new JsonObject();
            o.addProperty("hz", s.hz());
            o.addProperty("channels", s.channels());
            o.addProperty("frames_lost", s.framesLost());
            o.add("latency_p99_ms", number(s.latencyP99Ms(), 2));
            root.add("serial", o);
        } else {
            root.add("serial", JsonNull.INSTANCE);
        }
        root.add("targets", targets());
        if (fleet.measured()) {
            FleetBench.Result r = fleet.value();
            JsonObject o = new JsonObject();
            o.addProperty("units", r.units());
            o.addProperty("devices_per_unit", r.devices());
            o.addProperty("telemetry_sent", r.telemetrySent());
            o.addProperty("telemetry_lost", r.telemetryLost());
            o.add("telemetry_p50_ms", number(r.telemetryP50Ms(), 2));
            o.add("telemetry_p99_ms", number(r.telemetryP99Ms(), 2));
            o.addProperty("records_sent", r.recordsSent());
            o.addProperty("records_lost", r.recordsLost());
            o.add("record_p50_ms", number(r.recordP50Ms(), 2));
            o.add("record_p99_ms", number(r.recordP99Ms(), 2));
            o.add("reconnect_all_s", number(r.reconnectS(), 2));
            root.add("fleet", o);
        } else {
            root.add("fleet", JsonNull.INSTANCE);
        }
        if (reliability.measured()) {
            ReliabilityBench.Result r = reliability.value();
            JsonObject o = new JsonObject();
            o.addProperty("estops", r.stops());
            o.addProperty("estops_answered", r.answered());
            o.add("estop_p50_ms", number(r.p50Ms(), 1));
            o.add("estop_p99_ms", number(r.p99Ms(), 1));
            o.add("estop_max_ms", number(r.maxMs(), 1));
            o.addProperty("estops_in_ramp", r.rampStops());
            o.addProperty("session_ended", r.sessionEnded());
            o.addProperty("uploads", ReliabilityBench.UPLOADS);
            o.addProperty("streams", ReliabilityBench.STREAMS);
            o.addProperty("flood_per_s", ReliabilityBench.PER_SECOND);
            o.add("flood_sent_per_s", number(r.load().floodSent() / r.loadSeconds(), 0));
            root.add("reliability", o);
        } else {
            root.add("reliability", JsonNull.INSTANCE);
        }
        if (hub.measured()) {
            HubBench.Result r = hub.value();
            JsonObject o = new JsonObject();
            o.addProperty("units", r.units());
            o.addProperty("records", r.records());
            o.add("h2", hubFigures(r.h2()));
            o.add("postgresql", r.postgres() == null ? JsonNull.INSTANCE : hubFigures(r.postgres()));
            o.addProperty("ingest_target_per_s", HubBench.INGEST_TARGET_PER_S);
            o.addProperty("answer_target_ms", HubBench.ANSWER_TARGET_MS);
            root.add("hub", o);
        } else {
            root.add("hub", JsonNull.INSTANCE);
        }
        return root;
    }

    private static JsonObject hubFigures(HubBench.Figures f) {
        JsonObject o = new JsonObject();
        o.add("ingest_per_s", number(f.ingestPerS(), 0));
        o.add("ingest_s", number(f.ingestSeconds(), 1));
        o.add("ingest_per_cpu_s", number(f.ingestPerCpuS(), 0));
        JsonArray answers = new JsonArray();
        for (HubBench.Answer a : f.answers()) {
            JsonObject x = new JsonObject();
            x.addProperty("path", a.path());
            x.add("p50_ms", number(a.p50Ms(), 1));
            x.add("max_ms", number(a.maxMs(), 1));
            x.addProperty("bytes", a.bytes());
            answers.add(x);
        }
        o.add("answers", answers);
        return o;
    }

    /** The targets every figure is judged against, under the keys of the figures. */
    static JsonObject targets() {
        JsonObject t = new JsonObject();
        t.addProperty("overshoot_max_mmHg", OVERSHOOT_TARGET);
        t.addProperty("hold_rms_mmHg", HOLD_RMS_TARGET);
        t.addProperty("fill_ratio_median", FILL_RATIO_TARGET);
        t.addProperty("held_within_band_pct", FIRMWARE_HELD_TARGET_PCT);
        JsonObject loop32 = new JsonObject();
        loop32.addProperty("devices", LOOP_TARGET_DEVICES);
        loop32.addProperty("lateness_p99_ms", P99_TARGET_MS);
        loop32.addProperty("lateness_max_ms", MAX_TARGET_MS);
        loop32.addProperty("cpu_pct_per_device", CPU_TARGET_PCT);
        JsonObject loop128 = new JsonObject();
        loop128.addProperty("devices", LOOP_WIDE_DEVICES);
        loop128.addProperty("lateness_p99_ms", P99_TARGET_MS);
        loop128.addProperty("lateness_max_ms", MAX_TARGET_MS);
        loop128.addProperty("cpu_pct_per_device", CPU_WIDE_TARGET_PCT);
        JsonArray loops = new JsonArray();
        loops.add(loop32);
        loops.add(loop128);
        t.add("loop", loops);
        t.addProperty("virtual_speedup", SPEEDUP_TARGET);
        t.addProperty("ready_ms_small", READY_TARGET_MS);
        t.addProperty("rss_mb_small", RSS_TARGET_MB);
        t.addProperty("ready_ms_trimmed", TRIMMED_READY_TARGET_MS);
        t.addProperty("rss_mb_trimmed", TRIMMED_RSS_TARGET_MB);
        t.addProperty("program_ms", PROGRAM_TARGET_MS);
        t.addProperty("driver_fault_ms", DRIVER_FAULT_TARGET_MS);
        t.addProperty("serial_latency_p99_ms", SERIAL_P99_TARGET_MS);
        t.addProperty("estop_max_ms", ReliabilityBench.ESTOP_TARGET_MS);
        return t;
    }

    String jsonText() {
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(json()) + "\n";
    }

    /** A figure rounded to {@code decimals}; null where it could not be measured. */
    private static com.google.gson.JsonElement number(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return JsonNull.INSTANCE;
        }
        double scale = Math.pow(10, decimals);
        double rounded = Math.round(value * scale) / scale;
        return decimals == 0 ? new JsonPrimitive(Math.round(rounded)) : new JsonPrimitive(rounded);
    }

    // ---- the table ----

    void print(PrintStream out) {
        out.println("bootctl bench (" + mode.name() + ") on " + machine);
        out.println();
        printRegulation(out);
        printLoop(out);
        printSpeed(out);
        printStartup(out);
        printHotswap(out);
        printSerial(out);
        printFleet(out);
        printReliability(out);
        printHub(out);
        printMisses(out);
    }

    /** Every figure outside its target, with how far: what docs/BENCHMARKS.md explains. */
    List<String> misses() {
        List<String> misses = new java.util.ArrayList<>();
        if (regulation.measured()) {
            for (RegulationBench.Result r : regulation.value()) {
                FillAnalysis.Figures x = r.figures();
                String row = r.model() + " level " + r.level() + ": ";
                if (r.deviceRegulated()) {
                    atLeast(misses, row + "held within band", x.heldWithinBandPct(), FIRMWARE_HELD_TARGET_PCT, "%");
                } else {
                    atMost(misses, row + "overshoot", x.overshootMaxMmHg(), OVERSHOOT_TARGET, "mmHg");
                    atMost(misses, row + "hold RMS", x.holdRmsMmHg(), HOLD_RMS_TARGET, "mmHg");
                    atMost(misses, row + "fill ratio", x.fillRatioMedian(), FILL_RATIO_TARGET, "");
                }
            }
        }
        if (loop.measured()) {
            for (LoopBench.Result r : loop.value()) {
                if (r.devices() == LOOP_TARGET_DEVICES || r.devices() == LOOP_WIDE_DEVICES) {
                    String row = "loop " + r.devices() + " devices: ";
                    atMost(misses, row + "lateness p99", r.latenessP99Ms(), P99_TARGET_MS, "ms");
                    atMost(misses, row + "lateness max", r.latenessMaxMs(), MAX_TARGET_MS, "ms");
                    atMost(misses, row + "CPU per device", r.cpuPctPerDevice(),
                            r.devices() == LOOP_WIDE_DEVICES ? CPU_WIDE_TARGET_PCT : CPU_TARGET_PCT, "%");
                }
            }
        }
        if (speed.measured()) {
            atLeast(misses, "virtual speed-up", speed.value().speedup(), SPEEDUP_TARGET, "x");
        }
        if (startup.measured()) {
            StartupBench.Result x = startup.value();
            atMost(misses, "ready with -Xmx64m", x.small().readyMs(), READY_TARGET_MS, "ms");
            atMost(misses, "peak RSS with -Xmx64m", x.small().rssMb(), RSS_TARGET_MB, "MB");
            if (x.trimmed() != null) {
                atMost(misses, "ready on the trimmed runtime", x.trimmed().readyMs(), TRIMMED_READY_TARGET_MS, "ms");
                atMost(misses, "peak RSS on the trimmed runtime", x.trimmed().rssMb(), TRIMMED_RSS_TARGET_MB, "MB");
            }
        }
        if (hotswap.measured()) {
            atMost(misses, "program bundle selectable", hotswap.value().programMs(), PROGRAM_TARGET_MS, "ms");
            atMost(misses, "program file selectable", hotswap.value().fileMs(), PROGRAM_TARGET_MS, "ms");
            atMost(misses, "FAULT after the simulator stops", hotswap.value().driverFaultMs(), DRIVER_FAULT_TARGET_MS, "ms");
        }
        if (serial.measured()) {
            atMost(misses, "serial frames lost", serial.value().framesLost(), 0, "");
            atMost(misses, "serial latency p99", serial.value().latencyP99Ms(), SERIAL_P99_TARGET_MS, "ms");
        }
        if (reliability.measured()) {
            atMost(misses, "emergency stops not answered", reliability.value().stops() - reliability.value().answered(), 0, "");
            atMost(misses, "emergency stop under web load, max", reliability.value().maxMs(), ReliabilityBench.ESTOP_TARGET_MS, "ms");
        }
        if (hub.measured()) {
            for (HubBench.Figures x : new HubBench.Figures[] {hub.value().h2(), hub.value().postgres()}) {
                if (x != null) {
                    atLeast(misses, "hub on " + x.database() + ": records stored", x.ingestPerS(), HubBench.INGEST_TARGET_PER_S, "/s");
                    atMost(misses, "hub on " + x.database() + ": slowest dashboard answer", x.slowestMs(), HubBench.ANSWER_TARGET_MS, "ms");
                }
            }
        }
        return misses;
    }

    private static void atMost(List<String> misses, String what, double value, double target, String unit) {
        if (Double.isFinite(value) && value > target) {
            misses.add(what + " " + (f(value, 3) + " " + unit).strip() + " (target <= " + f(target, 3) + ", over by "
                    + f(value - target, 3) + (target > 0 ? ", " + f(100 * (value - target) / target, 0) + " %" : "") + ")");
        }
    }

    private static void atLeast(List<String> misses, String what, double value, double target, String unit) {
        if (Double.isFinite(value) && value < target) {
            misses.add(what + " " + (f(value, 3) + " " + unit).strip() + " (target >= " + f(target, 3) + ", short by "
                    + f(target - value, 3) + ", " + f(100 * (target - value) / target, 0) + " %)");
        }
    }

    private void printMisses(PrintStream out) {
        List<String> misses = misses();
        out.println();
        out.println(misses.isEmpty() ? "every measured figure within its target"
                : "outside their targets (docs/BENCHMARKS.md says what was tried):");
        misses.forEach(m -> out.println("  " + m));
    }

    private void printRegulation(PrintStream out) {
        out.println("regulation: simulator, virtual time, true chamber pressure, staircase program"
                + " (targets: overshoot <= " + f(OVERSHOOT_TARGET, 1) + " mmHg, hold RMS <= " + f(HOLD_RMS_TARGET, 0)
                + " mmHg, fill ratio <= " + f(FILL_RATIO_TARGET, 2) + ")" + took(regulation));
        if (!regulation.measured()) {
            out.println("  not measured: " + regulation.reason());
        } else {
            out.println("  model   level  overshoot max   hold RMS     fill ratio  fills");
            for (RegulationBench.Result r : regulation.value()) {
                if (r.deviceRegulated()) {
                    continue;
                }
                FillAnalysis.Figures x = r.figures();
                out.println(String.format(Locale.ROOT, "  %-7s %5d  %6s mmHg%s  %5s mmHg%s  %6s%s  %5d%s", r.model(), r.level(),
                        f(x.overshootMaxMmHg(), 2), mark(x.overshootMaxMmHg() <= OVERSHOOT_TARGET),
                        f(x.holdRmsMmHg(), 2), mark(x.holdRmsMmHg() <= HOLD_RMS_TARGET),
                        f(x.fillRatioMedian(), 3), mark(x.fillRatioMedian() <= FILL_RATIO_TARGET), x.fills(),
                        x.unreached() > 0 ? "  (" + x.unreached() + " fills never reached 98 %)" : ""));
            }
            List<RegulationBench.Result> device = regulation.value().stream()
                    .filter(RegulationBench.Result::deviceRegulated).toList();
            if (!device.isEmpty()) {
                out.println("  the firmware regulates (target: held within +-" + f(RegulationBench.FIRMWARE_BAND_MMHG, 0)
                        + " mmHg of the setpoint >= " + f(FIRMWARE_HELD_TARGET_PCT, 0) + " % of held samples):");
                out.println("  model   level  held within band   hold RMS     overshoot max  held");
                for (RegulationBench.Result r : device) {
                    FillAnalysis.Figures x = r.figures();
                    out.println(String.format(Locale.ROOT, "  %-7s %5d  %8s %%%s   %5s mmHg   %6s mmHg   %6s s", r.model(),
                            r.level(), f(x.heldWithinBandPct(), 2), mark(x.heldWithinBandPct() >= FIRMWARE_HELD_TARGET_PCT),
                            f(x.holdRmsMmHg(), 2), f(x.overshootMaxMmHg(), 2), f(x.holdSeconds(), 0)));
                }
            }
        }
        out.println();
    }

    private void printLoop(PrintStream out) {
        out.println("loop: real time, 50 Hz, " + LoopBench.MODEL + " units each running a session; CPU is the engine's"
                + " loop threads (targets at " + LOOP_TARGET_DEVICES + " devices: p99 <= " + f(P99_TARGET_MS, 0)
                + " ms, max <= " + f(MAX_TARGET_MS, 0) + " ms, CPU <= " + f(CPU_TARGET_PCT, 1) + " % per device; at "
                + LOOP_WIDE_DEVICES + ": the same with CPU <= " + f(CPU_WIDE_TARGET_PCT, 2) + " %)" + took(loop));
        if (!loop.measured()) {
            out.println("  not measured: " + loop.reason());
        } else {
            out.println("  devices  lateness p50   p99       max        CPU/device   (whole process/device)  ticks"
                    + "   GC in the window   bare timer p99 / max");
            for (LoopBench.Result r : loop.value()) {
                boolean judged = r.devices() == LOOP_TARGET_DEVICES || r.devices() == LOOP_WIDE_DEVICES;
                double cpuTarget = r.devices() == LOOP_WIDE_DEVICES ? CPU_WIDE_TARGET_PCT : CPU_TARGET_PCT;
                out.println(String.format(Locale.ROOT, "  %7d  %8s ms %6s ms%s %6s ms%s %7s %%%s  (%6s %%)  %12d   %-16s   %s / %s ms%s",
                        r.devices(), f(r.latenessP50Ms(), 3), f(r.latenessP99Ms(), 3),
                        judged ? mark(r.latenessP99Ms() <= P99_TARGET_MS) : " ",
                        f(r.latenessMaxMs(), 2), judged ? mark(r.latenessMaxMs() <= MAX_TARGET_MS) : " ",
                        f(r.cpuPctPerDevice(), 3), judged ? mark(r.cpuPctPerDevice() <= cpuTarget) : " ",
                        f(r.processCpuPctPerDevice(), 2), r.ticks(), r.gcCount() + " pauses, " + r.gcMillis() + " ms",
                        f(r.probeP99Ms(), 2), f(r.probeMaxMs(), 2),
                        r.sessionsRunning() < r.devices() ? "  (only " + r.sessionsRunning() + " sessions running; "
                                + r.firstEnd() + ")" : ""));
            }
        }
        out.println();
    }

    private void printSpeed(PrintStream out) {
        if (!speed.measured()) {
            out.println("virtual speed-up: not measured: " + speed.reason());
        } else {
            SpeedBench.Result s = speed.value();
            out.println(String.format(Locale.ROOT, "virtual speed-up: %s x%s (one RB2-L5, %s simulated s in %s s wall, %s;"
                            + " target >= %s x); per CPU second of the driving thread: %s x", f(s.speedup(), 0),
                    mark(s.speedup() >= SPEEDUP_TARGET), f(s.simulatedSeconds(), 0), f(s.wallSeconds(), 2), s.end(),
                    f(SPEEDUP_TARGET, 0), f(s.speedupPerCpuSecond(), 0)));
        }
        out.println();
    }

    private void printStartup(PrintStream out) {
        out.println("startup: run, simulator feature with its web UI, spawn to ready line; peak RSS (VmHWM) "
                + f(mode.startupSettleMs() / 1000.0, 1) + " s after (targets with -Xmx64m: ready <= "
                + f(READY_TARGET_MS, 0) + " ms, RSS <= " + f(RSS_TARGET_MB, 0) + " MB; on the trimmed runtime: <= "
                + f(TRIMMED_READY_TARGET_MS, 0) + " ms, <= " + f(TRIMMED_RSS_TARGET_MB, 0) + " MB)" + took(startup));
        if (!startup.measured()) {
            out.println("  not measured: " + startup.reason());
        } else {
            StartupBench.Result s = startup.value();
            List<StartupBench.Figures> rows = new java.util.ArrayList<>(List.of(s.defaults(), s.small(), s.noArchive()));
            if (s.jvmDefaults() != null) {
                rows.add(s.jvmDefaults());
            }
            if (s.trimmed() != null) {
                rows.add(s.trimmed());
            }
            for (StartupBench.Figures x : rows) {
                boolean trimmed = x == s.trimmed();
                boolean judged = x == s.small() || trimmed;
                boolean wanted = x == s.defaults() || x == s.small() || trimmed;
                double readyTarget = trimmed ? TRIMMED_READY_TARGET_MS : READY_TARGET_MS;
                double rssTarget = trimmed ? TRIMMED_RSS_TARGET_MB : RSS_TARGET_MB;
                out.println(String.format(Locale.ROOT, "  %-62s ready %5s ms%s  peak RSS %6s MB%s  (median of %d%s)",
                        x.label(), f(x.readyMs(), 0), judged ? mark(x.readyMs() <= readyTarget) : "     ",
                        f(x.rssMb(), 1), judged ? mark(x.rssMb() <= rssTarget) : "     ", x.runs(),
                        wanted ? (x.archived() ? ", class archive mapped" : ", NO class archive: see bin/bootctl")
                                : ""));
            }
        }
        out.println();
    }

    private void printHotswap(PrintStream out) {
        out.println("hotswap: real time, the feature as run starts it (targets: program selectable <= " + f(PROGRAM_TARGET_MS, 0)
                + " ms after the drop, FAULT within one tick = " + f(DRIVER_FAULT_TARGET_MS, 0) + " ms)" + took(hotswap));
        if (!hotswap.measured()) {
            out.println("  not measured: " + hotswap.reason());
        } else {
            HotswapBench.Result h = hotswap.value();
            if (h.noDeploy() != null) {
                out.println("  program bundle into deploy/ until selectable: not measured: " + h.noDeploy());
            } else {
                out.println(String.format(Locale.ROOT, "  program bundle into deploy/ until selectable: %s ms%s (median"
                                + " of %d, max %s ms)", f(h.programMs(), 1), mark(h.programMs() <= PROGRAM_TARGET_MS),
                        h.drops(), f(h.programMaxMs(), 1)));
            }
            out.println(String.format(Locale.ROOT, "  program file into programs/ until selectable: %s ms%s (median of"
                            + " %d, max %s ms)", f(h.fileMs(), 1), mark(h.fileMs() <= PROGRAM_TARGET_MS), h.fileDrops(),
                    f(h.fileMaxMs(), 1)));
            out.println(String.format(Locale.ROOT, "  simulator bundle stopped until its session is in FAULT: %s ms%s"
                            + " (median of %d, max %s ms)", f(h.driverFaultMs(), 2),
                    mark(h.driverFaultMs() <= DRIVER_FAULT_TARGET_MS), h.stops(), f(h.driverFaultMaxMs(), 2)));
        }
        out.println();
    }

    private void printSerial(PrintStream out) {
        out.println("serial: RB2 through a socat pseudo-terminal (targets: 0 frames lost, command latency p99 <= "
                + f(SERIAL_P99_TARGET_MS, 0) + " ms)" + took(serial));
        if (!serial.measured()) {
            out.println("  not measured: " + serial.reason());
        } else {
            SerialBench.Result s = serial.value();
            out.println(String.format(Locale.ROOT, "  %d Hz, %d channels, %d s: %d frames lost%s of %d, command latency"
                            + " p50 %s ms, p99 %s ms%s", s.hz(), s.channels(), s.seconds(), s.framesLost(),
                    mark(s.framesLost() == 0), s.framesReceived() + s.framesLost(), f(s.latencyP50Ms(), 2),
                    f(s.latencyP99Ms(), 2), mark(s.latencyP99Ms() <= SERIAL_P99_TARGET_MS)));
        }
    }

    private void printFleet(PrintStream out) {
        out.println("fleet: " + FleetBench.UNITS + " simulated units x " + FleetBench.DEVICES + " devices, 1 Hz telemetry"
                + " and records through a local Mosquitto, then a broker restart" + took(fleet));
        if (!fleet.measured()) {
            out.println("  not measured: " + fleet.reason());
        } else {
            FleetBench.Result r = fleet.value();
            out.println(String.format(Locale.ROOT, "  %.0f s: telemetry %d sent, %d lost, latency p50 %s ms, p99 %s ms;"
                            + " records %d sent, %d lost, p50 %s ms, p99 %s ms", r.seconds(), r.telemetrySent(),
                    r.telemetryLost(), f(r.telemetryP50Ms(), 2), f(r.telemetryP99Ms(), 2), r.recordsSent(),
                    r.recordsLost(), f(r.recordP50Ms(), 2), f(r.recordP99Ms(), 2)));
            out.println(String.format(Locale.ROOT, "  all %d units connected again %s s after the broker's restart"
                    + " (at most %.0f attempts each)", r.units(), f(r.reconnectS(), 1), r.reconnectMaxAttempts()));
        }
    }

    private void printReliability(PrintStream out) {
        out.println();
        out.println("reliability: the emergency stop over loopback while one address holds " + ReliabilityBench.UPLOADS
                + " stalled uploads and " + ReliabilityBench.STREAMS + " event streams and sends "
                + ReliabilityBench.PER_SECOND + " requests/s (target: each answered within " + f(ReliabilityBench.ESTOP_TARGET_MS, 0)
                + " ms)" + took(reliability));
        if (!reliability.measured()) {
            out.println("  not measured: " + reliability.reason());
        } else {
            ReliabilityBench.Result r = reliability.value();
            out.println(String.format(Locale.ROOT, "  %d of %d stops answered 200, p50 %s ms, p99 %s ms, max %s ms%s"
                            + " (each, ms, the first %d in the load's first %d s: %s)",
                    r.answered(), r.stops(), f(r.p50Ms(), 1), f(r.p99Ms(), 1), f(r.maxMs(), 1),
                    mark(r.answered() == r.stops() && r.maxMs() <= ReliabilityBench.ESTOP_TARGET_MS), r.rampStops(),
                    ReliabilityBench.RAMP_MS / 1000, String.join(" ", r.allMs().stream().map(ms -> f(ms, 0)).toList())));
            out.println(String.format(Locale.ROOT, "  the session ended %s; load: %d uploads and %d streams opened,"
                            + " %d flood requests (%s/s), answers %s", r.sessionEnd(), r.load().uploadsOpened(),
                    r.load().streamsOpened(), r.load().floodSent(), f(r.load().floodSent() / r.loadSeconds(), 0),
                    r.load().statuses()));
        }
    }

    private void printHub(PrintStream out) {
        out.println();
        out.println(String.format(Locale.ROOT, "hub: records through a local Mosquitto into the hub until stored, then the"
                + " dashboard's requests with all of it stored (targets: >= %s records/s, every answer <= %s ms)",
                f(HubBench.INGEST_TARGET_PER_S, 0), f(HubBench.ANSWER_TARGET_MS, 0)) + took(hub));
        if (!hub.measured()) {
            out.println("  not measured: " + hub.reason());
            return;
        }
        HubBench.Result r = hub.value();
        for (HubBench.Figures x : new HubBench.Figures[] {r.h2(), r.postgres()}) {
            if (x == null) {
                out.println("  PostgreSQL: not measured: " + r.postgresMissing());
                continue;
            }
            out.println(String.format(Locale.ROOT, "  %s: %d units x %d devices, %d records stored in %s s: %s records/s%s"
                            + " (%s per second of this process's CPU)", x.database(), r.units(), HubBench.DEVICES, x.records(),
                    f(x.ingestSeconds(), 1), f(x.ingestPerS(), 0), mark(x.ingestPerS() >= HubBench.INGEST_TARGET_PER_S),
                    f(x.ingestPerCpuS(), 0)));
            for (HubBench.Answer a : x.answers()) {
                out.println(String.format(Locale.ROOT, "    %-62s p50 %7s ms  max %7s ms%s  %8d bytes", a.path(),
                        f(a.p50Ms(), 1), f(a.maxMs(), 1), mark(a.maxMs() <= HubBench.ANSWER_TARGET_MS), a.bytes()));
            }
        }
    }

    private static String took(Part<?> part) {
        return String.format(Locale.ROOT, " [%.0f s]", part.seconds());
    }

    /** {@code ok} beside a figure within its target, {@code MISS} beside one outside. */
    private static String mark(boolean met) {
        return met ? " ok  " : " MISS";
    }

    static String f(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }
}
