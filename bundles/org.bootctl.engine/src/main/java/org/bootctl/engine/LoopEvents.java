package org.bootctl.engine;

import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.Telemetry;
import org.bootctl.engine.dispatch.ListenerDispatcher;
import org.bootctl.engine.loop.LoopHost;
import org.bootctl.engine.loop.SessionRun;
import org.bootctl.engine.record.Recorder;
import org.bootctl.engine.record.TraceSink;

/** What the loops tell the engine, handed on to the listeners and the recorder; every call returns at once. */
final class LoopEvents implements LoopHost {

    private final ListenerDispatcher dispatcher;
    private final Recorder recorder;
    private final SessionTable sessions;

    LoopEvents(ListenerDispatcher dispatcher, Recorder recorder, SessionTable sessions) {
        this.dispatcher = dispatcher;
        this.recorder = recorder;
        this.sessions = sessions;
    }

    @Override
    public void sessionChanged(SessionInfo session) {
        dispatcher.sessionChanged(session);
    }

    @Override
    public void deviceChanged(DeviceStatus device, boolean online) {
        dispatcher.deviceChanged(device, online);
    }

    @Override
    public boolean wantsTelemetry() {
        return dispatcher.wantsTelemetry();
    }

    @Override
    public void telemetry(Telemetry frame) {
        dispatcher.telemetry(frame);
    }

    @Override
    public TraceSink openTrace(String sessionId, String header) {
        return recorder.openTrace(sessionId, header);
    }

    @Override
    public void sessionBegan(SessionRun run, SessionRecord begun) {
        // nothing to write: its marker is on the disk since the start was answered (SessionStarter)
    }

    @Override
    public void sessionEnded(SessionRun run, SessionRecord record) {
        recorder.sessionEnded(record);
        sessions.ended(run);
    }
}
