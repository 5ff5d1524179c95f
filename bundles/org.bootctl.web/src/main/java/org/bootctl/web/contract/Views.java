package org.bootctl.web.contract;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bootctl.api.device.Channel;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ValidationError;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.Telemetry;

/**
 * The JSON shapes of the web API (docs/API.md), as records Gson writes field by field. Field
 * names are lowerCamelCase; a number that is a quantity says its unit in its name (Ms, MmHg),
 * except the request words of a session's settings, which are echoed as they are posted.
 */
public final class Views {

    private Views() {
    }

    public record ZoneView(int index, String name) {
    }

    public record ChannelView(int index, String id, int zone, String limb) {
        public static ChannelView of(Channel c) {
            return new ChannelView(c.index(), c.id(), c.zone(), c.limb() == null ? null : c.limb().word());
        }
    }

    public record LimitsView(double hardLimitMmHg, double maxTargetMmHg, double sensorFullScaleMmHg) {
    }

    public record FaultView(String cause, String channel, int zone, double pressureMmHg, String message) {
        public static FaultView of(Fault f) {
            return f == null ? null
                    : new FaultView(f.cause(), f.channel(), f.zone(), round1(f.pressureMmHg()), f.message());
        }
    }

    public record DeviceView(String id, String model, String serial, String firmware, int limbs, List<ZoneView> zones,
                      List<ChannelView> channels, LimitsView limits, String regulation, int sampleRateHz,
                      String state, String session, FaultView fault) {
        public static DeviceView of(DeviceStatus status) {
            DeviceDescription d = status.description();
            return new DeviceView(d.id(), d.model(), d.serial(), d.firmware(), d.limbs(),
                    d.zones().stream().map(z -> new ZoneView(z.index(), z.name())).toList(),
                    d.channels().stream().map(ChannelView::of).toList(),
                    new LimitsView(d.hardLimitMmHg(), d.hardLimitMmHg() - HEADROOM_MMHG, d.sensorFullScaleMmHg()),
                    d.regulation().name(), d.sampleRateHz(),
                    status.state() == null ? null : status.state().name(), status.sessionId(),
                    FaultView.of(status.fault()));
        }
    }

    /** A model as a driver describes it ({@code /api/models}); fillSeconds null when the driver does not know it. */
    public record ModelView(String model, int limbs, List<ZoneView> zones, List<ChannelView> channels, LimitsView limits,
                     String regulation, int sampleRateHz, Double fillSeconds) {
        public static ModelView of(ModelDescription m) {
            List<ZoneView> zones = new java.util.ArrayList<>();
            for (int z = 1; z <= m.zones(); z++) {
                zones.add(new ZoneView(z, m.zoneNames().get(z - 1)));
            }
            return new ModelView(m.model(), m.limbs(), zones, m.channels().stream().map(ChannelView::of).toList(),
                    new LimitsView(m.hardLimitMmHg(), m.hardLimitMmHg() - HEADROOM_MMHG, m.sensorFullScaleMmHg()),
                    m.regulation().name(), m.defaultRateHz(),
                    m.fillSeconds().isPresent() ? m.fillSeconds().getAsDouble() : null);
        }
    }

    /** docs/DESIGN.md: every plan target at least this far under the device's hard limit. */
    public static final double HEADROOM_MMHG = 10;

    /** A device as the {@code device} event tells it: the device object and whether it is connected. */
    public record DeviceEvent(DeviceView device, boolean online) {
    }

    /** Settings in the words a session request uses, plus the cap they come to; client null when none. */
    public record SettingsView(Integer level, Double pressure, double capMmHg, double minutes, List<Integer> boost,
                        boolean fitCheck, boolean ramp, String client) {
        public static SettingsView of(Settings s) {
            return s == null ? null
                    : new SettingsView(s.level() == 0 ? null : s.level(), s.level() == 0 ? s.capMmHg() : null,
                    s.cap(), s.minutes(), s.boostZones().stream().sorted().toList(), s.fitCheck(), s.rampIn(),
                    s.client());
        }
    }

    public record SessionView(String id, String device, String program, String programVersion, String state, int cycle,
                       int step, long elapsedMs, long remainingMs, SettingsView settings, String startedAt,
                       String endedAt, String endReason, FaultView fault) {
        public static SessionView of(SessionInfo s) {
            return new SessionView(s.id(), s.deviceId(), s.programId(), s.programVersion(), s.state().name(),
                    s.cycle(), s.step(), s.elapsedMs(), s.remainingMs(), SettingsView.of(s.settings()),
                    text(s.startedAt()), text(s.endedAt()), s.endReason(), FaultView.of(s.fault()));
        }
    }

    public record ErrorView(String path, int line, String message) {
        public static ErrorView of(ValidationError e) {
            return new ErrorView(e.path(), e.line(), e.message());
        }
    }

    public record ProgramView(String id, String name, String version, String author, String description, Integer minZones,
                       Integer maxZones, String source, String location, boolean valid, List<ErrorView> errors) {
        public static ProgramView of(ProgramEntry e) {
            ProgramInfo i = e.info();
            return new ProgramView(e.id(), i == null ? e.id() : name(i), i == null ? null : i.version(),
                    i == null ? null : author(i), i == null ? null : i.description(),
                    i == null ? null : i.minZones(), i == null ? null : i.maxZones(), e.source(),
                    fileName(e.location()), e.valid(), e.errors().stream().map(ErrorView::of).toList());
        }

        /** A registered program the library does not list (the library is absent, or a bundle's). */
        public static ProgramView of(ProgramInfo i) {
            return new ProgramView(i.id(), name(i), i.version(), author(i), i.description(), i.minZones(),
                    i.maxZones(), null, null, true, List.of());
        }

        /** What a person calls it: its id when a plugin gives no name (the page showed "null"). */
        private static String name(ProgramInfo i) {
            return i.name() == null || i.name().isBlank() ? i.id() : i.name();
        }

        /** Who wrote it; null when unknown, as every unknown value (a program file may leave it out). */
        private static String author(ProgramInfo i) {
            return i.author() == null || i.author().isBlank() ? null : i.author();
        }
    }

    /** A program that came or went, as the {@code program} event tells it. */
    public record ProgramEvent(String change, ProgramView program) {
    }

    /** One intensity level of {@code GET /api/levels}: the session cap it stands for. */
    public record LevelView(int level, double capMmHg) {
    }

    public record ActionView(String kind, double targetMmHg) {
    }

    public record StepView(long holdMs, long timeLimitMs, List<ActionView> actions) {
        public static StepView of(Step s) {
            return new StepView(s.holdMs(), s.timeLimitMs(), s.actions().stream()
                    .map(a -> new ActionView(a.kind().name(), round1(a.targetMmHg()))).toList());
        }
    }

    public record PlanView(String program, String programVersion, String device, int zones, int limbs,
                    SettingsView settings, long minCycleMs, long holdMs, List<StepView> steps) {
        public static PlanView of(Plan p, DeviceDescription device, Settings settings) {
            return new PlanView(p.programId(), p.programVersion(), device.id(), p.zones(), device.limbs(),
                    SettingsView.of(settings), p.minCycleMs(), p.holdMs(), p.steps().stream().map(StepView::of).toList());
        }
    }

    public record RecordView(String id, String device, String model, String serial, String program, String programVersion,
                      SettingsView settings, String start, String end, String state, String endReason,
                      FaultView fault, int cycles, Map<String, Double> peakMmHg, Map<String, Long> fitCheckMs,
                      boolean interrupted, String trace) {
        public static RecordView of(SessionRecord r, boolean hasTrace) {
            return new RecordView(r.id(), r.deviceId(), r.model(), r.serial(), r.programId(), r.programVersion(),
                    SettingsView.of(r.settings()), text(r.start()), text(r.end()),
                    r.state() == null ? null : r.state().name(), r.endReason(), FaultView.of(r.fault()), r.cycles(),
                    r.peakMmHg(), r.fitCheckMs(), r.interrupted(),
                    hasTrace ? "/api/history/" + r.id() + "/trace" : null);
        }
    }

    /**
     * One {@code telemetry} event: pressures and targets in the order of the device's
     * {@code channels}, rounded to 0.1 mmHg; valves as the trace writes them (C, F, V), or null
     * where the device regulates.
     */
    public record TelemetryView(String device, String session, long timeMs, String state, int cycle, int step,
                         double[] pressures, double[] targets, String valves, int pump) {
        public static TelemetryView of(Telemetry t) {
            return new TelemetryView(t.deviceId(), t.sessionId(), t.timeMs(), t.state() == null ? null : t.state().name(),
                    t.cycle(), t.step(), round1(t.pressures()), round1(t.targets()), valves(t), t.pump());
        }

        private static String valves(Telemetry t) {
            if (t.valves() == null) {
                return null;
            }
            StringBuilder letters = new StringBuilder(t.valves().length);
            for (var valve : t.valves()) {
                letters.append(valve == null ? '?' : valve.letter());
            }
            return letters.toString();
        }
    }

    /** A fault as the {@code fault} event tells it: where, which session, and the fault. */
    public record FaultEvent(String device, String session, FaultView fault) {
    }

    public static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    public static double[] round1(double[] values) {
        if (values == null) {
            return new double[0];
        }
        double[] rounded = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = round1(values[i]);
        }
        return rounded;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Only the file name of a program's location: a client needs no paths of the unit's disk. */
    private static String fileName(String location) {
        if (location == null) {
            return null;
        }
        try {
            Path name = Path.of(location).getFileName();
            return name == null ? location : name.toString();
        } catch (RuntimeException e) {
            return location;
        }
    }
}
