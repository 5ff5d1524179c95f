package org.bootctl.engine.loop;

import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.Telemetry;
import org.bootctl.engine.record.TraceSink;

/**
 * What a device loop tells the engine. Called on the loop's thread: every method must return at
 * once (hand work to a dispatcher or writer), never block, never call back into the loop.
 */
public interface LoopHost {

    void sessionChanged(SessionInfo session);

    void deviceChanged(DeviceStatus device, boolean online);

    boolean wantsTelemetry();

    void telemetry(Telemetry frame);

    TraceSink openTrace(String sessionId, String header);

    /** A session began on the device (after its start request was applied). */
    void sessionBegan(SessionRun run, SessionRecord begun);

    /** A session is over, however it ended: exactly once per session. */
    void sessionEnded(SessionRun run, SessionRecord record);
}
