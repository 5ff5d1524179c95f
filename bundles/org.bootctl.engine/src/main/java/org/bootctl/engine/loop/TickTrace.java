package org.bootctl.engine.loop;

import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.engine.record.TraceBytes;
import org.bootctl.engine.record.TraceFormat;
import org.bootctl.engine.record.TraceSink;

/**
 * A device's session trace (docs/TRACE.md): the one place a tick becomes a trace row
 * ({@link TraceFormat}) handed to the writer ({@link TraceSink}, the recorder's). It opens the
 * file when a session begins, writes one row per tick while the session is under way, traces on
 * after a fault or an emergency stop until the boots are empty (the vent's tail), and closes the
 * file. Loop thread only; rows are formatted into the sink's buffer without allocating.
 */
final class TickTrace {

    private final boolean host;
    private final Readings readings;
    private final Command command;
    private final double[] commanded;
    private final LoopHost events;
    private final String header;
    /** The session whose trace is open, or null. */
    private SessionRun traced;
    private TraceSink sink = TraceSink.NONE;
    private boolean tailing;
    private long tailStart;

    /**
     * @param commanded the pressures the regulator was given on the tick (zeros once vented): the rows' targets
     */
    TickTrace(DeviceDescription device, boolean host, Readings readings, Command command, double[] commanded,
              LoopHost events) {
        this.host = host;
        this.readings = readings;
        this.command = command;
        this.commanded = commanded;
        this.events = events;
        header = TraceFormat.header(device, host);
    }

    /** A session begins: the previous one's vent is no longer traced, the new one's trace opens. */
    void open(SessionRun run) {
        closeTail();
        sink = events.openTrace(run.id(), header);
        traced = run;
    }

    /**
     * This tick's rows: the vent's tail, then {@code run}'s (the session under way or ended on this
     * tick, or null). A session that ended on this tick is traced on while {@code latched} and the
     * boots are not empty; else its trace closes.
     */
    void tick(long now, SessionRun run, boolean ended, boolean latched) {
        if (tailing) {
            write(now, traced);
            if (readings.allBelow(SessionRun.VENTED_MMHG) || now - tailStart >= SessionRun.VENT_LIMIT_NANOS) {
                finish(traced);
            }
        }
        if (run != null) {
            write(now, run);
            if (ended && !tailing) {
                if (latched && !readings.allBelow(SessionRun.VENTED_MMHG) && run == traced) {
                    tailing = true; // keep tracing the vent after a fault or emergency stop
                    tailStart = now;
                } else {
                    finish(run);
                }
            }
        }
    }

    /** The last row of a session ended while the loop is halted; its trace closed. */
    void lastRow(long now, SessionRun run) {
        write(now, run);
        finish(run);
    }

    /** The vent of the last session is no longer traced (a new session begins, or the loop ends). */
    void closeTail() {
        if (tailing) {
            finish(traced);
        }
    }

    private void write(long now, SessionRun run) {
        if (run != traced || sink == TraceSink.NONE) {
            return; // a session that never began has no trace; one the recorder keeps no trace of needs no rows
        }
        SessionInfo s = run.published();
        TraceBytes row = sink.rowBuffer();
        TraceFormat.appendRow(row, run.sessionMs(now), s.state(), s.cycle(), s.step(),
                host ? command.pump : -1, readings.view(), commanded, host ? command.valves : null);
        sink.rowWritten();
    }

    /** The session's trace is complete: the file closes, and the fit check's zero offsets go with the session. */
    private void finish(SessionRun run) {
        if (run == traced) {
            sink.close();
            sink = TraceSink.NONE;
            traced = null;
            tailing = false;
        }
        readings.clearOffsets();
    }
}
