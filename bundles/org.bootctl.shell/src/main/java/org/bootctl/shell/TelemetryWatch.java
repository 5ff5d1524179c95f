package org.bootctl.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.Telemetry;

/**
 * {@code boot:watch}: one line per period with a device's state and every channel's pressure and
 * target, until the person stops it (Ctrl-C: the pacer says so, or the thread is interrupted), its
 * output closes, or the device goes away. Each line must reach the person as it is printed: the
 * caller gives an output that flushes through to the console ({@link LiveOutput}). The
 * engine's listener thread only keeps the newest frame; all printing happens on the command's
 * own thread, so a slow console never holds up telemetry.
 */
final class TelemetryWatch {

    /** Four lines a second: readable, and fast enough to see a zone fill. */
    static final Duration PERIOD = Duration.ofMillis(250);

    private static final int TIME = 8;
    private static final int STATE = 11;
    private static final int CYCLE = 7;
    private static final int STEP = 6;
    private static final int CHANNEL = 12;

    private final SessionService sessions;
    private final TelemetryFeed feed;
    private final Pacer pacer;
    private final PrintStream out;

    TelemetryWatch(SessionService sessions, TelemetryFeed feed, Pacer pacer, PrintStream out) {
        this.sessions = sessions;
        this.feed = feed;
        this.pacer = pacer;
        this.out = out;
    }

    void watch(String deviceId) {
        Optional<DeviceStatus> device = sessions.device(deviceId);
        if (device.isEmpty()) {
            out.println("cannot watch " + deviceId + ": " + BootCommands.unknownDevice(sessions, deviceId));
            return;
        }
        DeviceDescription description = device.get().description();
        AtomicReference<Telemetry> newest = new AtomicReference<>();
        try (TelemetryFeed.Subscription subscription = feed.subscribe(frame -> {
            if (deviceId.equals(frame.deviceId())) {
                newest.set(frame);
            }
        })) {
            out.println("watching " + deviceId + " (" + description.model()
                    + "): pressure/target in mmHg per channel; Ctrl-C stops");
            out.println(header(description));
            while (!out.checkError()) {
                if (!pacer.await()) {
                    out.println("stopped watching " + deviceId);
                    return;
                }
                Telemetry frame = newest.getAndSet(null);
                if (frame != null) {
                    out.println(line(frame));
                } else if (sessions.device(deviceId).isEmpty()) {
                    out.println(deviceId + " went away; watch ended");
                    return;
                }
            }
            // the console is gone: nobody left to tell
        } catch (InterruptedException e) {
            // The interrupt asked the watch to end, and it has. Not set again: Gogo's output channels
            // are interruptible, so a write on this pooled thread with it set would close them.
            out.println("stopped watching " + deviceId);
        }
    }

    static String header(DeviceDescription device) {
        StringBuilder line = new StringBuilder()
                .append(Text.padLeft("TIME", TIME)).append("  ")
                .append(Text.pad("STATE", STATE))
                .append(Text.pad("CYCLE", CYCLE))
                .append(Text.pad("STEP", STEP));
        device.channels().forEach(channel -> line.append(Text.pad(channel.id(), CHANNEL)));
        return line.toString().stripTrailing();
    }

    /** Session time (or {@code -} while idle), state, cycle, step, then pressure/target per channel. */
    static String line(Telemetry frame) {
        StringBuilder line = new StringBuilder()
                .append(Text.padLeft(frame.sessionId() == null ? Text.NONE : Text.duration(frame.timeMs()), TIME))
                .append("  ")
                .append(Text.pad(String.valueOf(frame.state()), STATE))
                .append(Text.pad(Text.cycle(frame.cycle()), CYCLE))
                .append(Text.pad(Text.step(frame.step()), STEP));
        for (int c = 0; c < frame.pressures().length; c++) {
            double target = c < frame.targets().length ? frame.targets()[c] : 0;
            line.append(Text.pad(Text.mmHg(frame.pressures()[c]) + "/" + Text.number(target), CHANNEL));
        }
        return line.toString().stripTrailing();
    }
}
