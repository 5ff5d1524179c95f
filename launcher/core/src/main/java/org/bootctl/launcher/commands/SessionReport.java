package org.bootctl.launcher.commands;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bootctl.api.device.Channel;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.launcher.ConsoleText;
import org.bootctl.launcher.PathNames;

/** The words of the session command: its progress line and its summary. */
final class SessionReport {

    private SessionReport() {
    }

    /** {@code RUNNING  cycle 3  2:10 / 5:00 (2:50 left)  highest 108.2 mmHg}. */
    static String progress(SessionInfo session, double highestMmHg) {
        long total = session.elapsedMs() + session.remainingMs();
        return String.format(Locale.ROOT, "%-9s  cycle %d  %s / %s (%s left)  highest %.1f mmHg",
                session.state(), session.cycle(), clock(session.elapsedMs()), clock(total),
                clock(session.remainingMs()), highestMmHg);
    }

    /**
     * The summary after the session: what ran, how it ended, cycles, peak pressure per zone and
     * the trace. Peaks come from the engine's record where there is one, else from telemetry.
     */
    static void summary(PrintStream out, SessionInfo session, DeviceDescription device, SessionRecord record,
                        double[] telemetryPeaks, Path trace) {
        // the end reason may be a fault's message, with what a driver or its unit said: one printable line
        out.println(ConsoleText.line("session " + session.id() + " on " + device.id() + " (" + device.model() + "): "
                + session.state() + (session.endReason() == null ? "" : ", " + session.endReason())));
        // a program file's or bundle's id and version are printed as one line, whatever they hold
        out.println("  program " + ConsoleText.line(session.programId() + " " + session.programVersion()) + ", "
                + settings(session.settings()));
        out.println("  cycles " + (record != null ? record.cycles() : session.cycle()) + ", session time "
                + clock(session.elapsedMs()));
        Map<Integer, Double> peaks = peaksPerZone(device, record, telemetryPeaks);
        if (!peaks.isEmpty()) {
            List<String> zones = new ArrayList<>();
            peaks.forEach((zone, mmHg) -> zones.add(String.format(Locale.ROOT, "%d %s %.1f", zone,
                    device.zone(zone).name(), mmHg)));
            out.println(ConsoleText.line("  peak mmHg per zone: " + String.join(", ", zones))); // names from a model file
        }
        out.println("  trace: " + (trace == null ? "none kept" : PathNames.show(trace)));
    }

    /** The highest pressure per zone, over the zone's channels (both limbs). */
    static Map<Integer, Double> peaksPerZone(DeviceDescription device, SessionRecord record, double[] telemetryPeaks) {
        Map<Integer, Double> peaks = new TreeMap<>();
        for (Channel channel : device.channels()) {
            Double mmHg = null;
            if (record != null && record.peakMmHg() != null) {
                mmHg = record.peakMmHg().get(channel.id());
            } else if (channel.index() < telemetryPeaks.length) {
                mmHg = telemetryPeaks[channel.index()];
            }
            if (mmHg != null) {
                peaks.merge(channel.zone(), mmHg, Math::max);
            }
        }
        return peaks;
    }

    /** {@code level 7 (110 mmHg), 2.5 min, boost 1,3, no ramp-in, no fit check, client C-0042}. */
    static String settings(Settings settings) {
        List<String> parts = new ArrayList<>();
        parts.add(settings.level() != 0
                ? String.format(Locale.ROOT, "level %d (%.0f mmHg)", settings.level(), settings.cap())
                : String.format(Locale.ROOT, "cap %.0f mmHg", settings.cap()));
        parts.add(settings.continuous() ? "until stopped"
                : BigDecimal.valueOf(settings.minutes()).stripTrailingZeros().toPlainString() + " min");
        if (!settings.boostZones().isEmpty()) {
            parts.add("boost " + String.join(",", settings.boostZones().stream().sorted().map(String::valueOf).toList()));
        }
        if (!settings.rampIn()) {
            parts.add("no ramp-in");
        }
        if (!settings.fitCheck()) {
            parts.add("no fit check");
        }
        if (settings.client() != null) {
            parts.add("client " + settings.client());
        }
        return String.join(", ", parts);
    }

    /** {@code 4:05}, or {@code 1:02:03} from an hour on. */
    static String clock(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long hours = seconds / 3600;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
