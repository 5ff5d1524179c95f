package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Garment;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.engine.loop.DeviceHandle;
import org.bootctl.engine.loop.LoopHost;
import org.bootctl.engine.loop.Request;
import org.bootctl.engine.loop.SessionRun;
import org.bootctl.engine.record.TraceBytes;
import org.bootctl.engine.record.TraceSink;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;

/** A bug inside a tick must not leave air in the boots: the loop vents, latches and ends the session. */
class DeviceLoopFailSafeTest {

    @Test
    void anErrorInATickVentsAndLatches() throws Exception {
        VirtualTimebase time = new ManualTimebase();
        FakeBoot boot = FakeBoot.of("dev1", Models.RB2_L5, time);
        LoopHost host = new LoopHost() {
            @Override
            public void sessionChanged(SessionInfo session) {
            }

            @Override
            public void deviceChanged(DeviceStatus device, boolean online) {
            }

            @Override
            public boolean wantsTelemetry() {
                return false;
            }

            @Override
            public void telemetry(Telemetry frame) {
            }

            @Override
            public TraceSink openTrace(String sessionId, String header) {
                return new TraceSink() {
                    final TraceBytes row = new TraceBytes(256);
                    int rows;

                    @Override
                    public TraceBytes rowBuffer() {
                        row.setLength(0);
                        return row;
                    }

                    @Override
                    public void rowWritten() {
                        if (++rows == 300) {
                            throw new IllegalStateException("a bug in the trace");
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void sessionBegan(SessionRun run, SessionRecord begun) {
            }

            @Override
            public void sessionEnded(SessionRun run, SessionRecord record) {
            }
        };
        DeviceHandle loop = new DeviceHandle(boot, host);
        loop.start(Harness.TICK_NANOS);
        time.advance(100_000_000L);
        var plan = TestPrograms.sequential(2000, 30_000).compile(Garment.of(boot.description()), Harness.plain(7, 10));
        SessionRun run = new SessionRun("s1", boot.description(), plan, Harness.plain(7, 10), Clock.systemUTC());
        assertTrue(loop.reserve(run));
        loop.submit(new Request.Start(run));
        time.runUntil(() -> run.isOver(), 20_000_000_000L);
        assertEquals(SessionState.FAULT, run.state());
        assertTrue(run.info().endReason().startsWith("controller error: java.lang.IllegalStateException: a bug in the trace;"
                + " highest pressure in zone "), run.info().endReason());
        assertTrue(boot.ventAlls > 0);
        time.advance(Harness.TICK_NANOS);
        assertTrue(boot.lastCommandVents(), "and the loop goes on venting");
        assertEquals(SessionState.FAULT, loop.status().state());
    }
}
