package org.bootctl.engine.loop;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;

/**
 * The last stage of a tick: the trace rows ({@link TickTrace}), the session's news and a telemetry
 * frame. Loop thread only.
 */
final class TickRecord {

    private final DeviceDescription device;
    private final boolean host;
    private final Readings readings;
    private final Command command;
    private final LoopHost events;
    private final BooleanSupplier latched;
    /** The pressures the regulator was given on this tick; zeros once vented. */
    final double[] commanded;
    final TickTrace trace;
    /** The session's state, cycle and step as last told to the listeners. */
    private SessionInfo told;

    TickRecord(DeviceDescription device, boolean host, Readings readings, Command command, LoopHost events,
               BooleanSupplier latched) {
        this.device = device;
        this.host = host;
        this.readings = readings;
        this.command = command;
        this.events = events;
        this.latched = latched;
        commanded = new double[device.channelCount()];
        trace = new TickTrace(device, host, readings, command, commanded, events);
    }

    /** The last row of a session ended while the loop is halted; its trace closed. */
    void lastRow(long now, SessionRun run) {
        Arrays.fill(commanded, 0);
        trace.lastRow(now, run);
        tellWhenChanged(run);
    }

    /** Trace rows, session events and telemetry for this tick; {@code endedThisTick} the session that ended on it, or null. */
    void record(long now, SessionRun current, SessionRun endedThisTick) {
        // the session of this tick: one that ended on it (a caller may already have reserved the
        // device for the next), or the one under way
        SessionRun run = endedThisTick != null ? endedThisTick
                : current != null && current.active() ? current : null;
        boolean ended = run != null && run == endedThisTick;
        trace.tick(now, run, ended, ended && latched.getAsBoolean());
        if (run != null) {
            tellWhenChanged(run);
        }
        if (events.wantsTelemetry()) {
            events.telemetry(frame(now, run));
        }
    }

    /** The listeners hear of a session's state, cycle or step once each time it changes. */
    private void tellWhenChanged(SessionRun run) {
        SessionInfo now = run.published();
        if (now != told) {
            told = now;
            events.sessionChanged(run.info());
        }
    }

    private Telemetry frame(long now, SessionRun run) {
        boolean inSession = run != null;
        SessionState state = inSession ? run.state() : latched.getAsBoolean() ? SessionState.FAULT : SessionState.IDLE;
        long timeMs = inSession ? run.sessionMs(now) : readings.hasSample() ? readings.sample().deviceTimeMs() : 0;
        int cycle = 0;
        int step = -1;
        if (inSession) {
            var info = run.info();
            cycle = info.cycle();
            step = info.step();
        }
        return new Telemetry(device.id(), inSession ? run.id() : null, timeMs, state, cycle, step,
                readings.pressures(), commanded.clone(), host ? command.valves.clone() : null,
                host ? command.pump : -1);
    }
}
