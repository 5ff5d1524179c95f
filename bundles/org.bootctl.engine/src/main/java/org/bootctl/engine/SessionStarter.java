package org.bootctl.engine;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.engine.loop.DeviceHandle;
import org.bootctl.engine.loop.Latch;
import org.bootctl.engine.loop.SessionRun;
import org.bootctl.engine.record.Recorder;

/**
 * A start request made into a session its device can run, on the caller's thread: the device free,
 * the plan compiled and checked, the session's open-session marker on the disk before the device
 * can see it and before the start is answered (a crash at any moment after the answer leaves its
 * record, RELIABILITY.md), and the device reserved for it.
 */
final class SessionStarter {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Clock wall;
    private final SessionIds ids;
    private final Recorder recorder;
    private final ProgramCompiler compiler = new ProgramCompiler();

    SessionStarter(Clock wall, Recorder recorder) {
        this.wall = wall;
        this.recorder = recorder;
        ids = new SessionIds(wall);
    }

    /** @param programId the id the caller chose the program by, or null when it gave the program itself */
    Plan plan(DeviceHandle loop, String programId, Program program, Settings settings) throws SessionException {
        return compiler.plan(programId, program, loop.description(), requireSettings(settings));
    }

    /** A recorded session that has {@code loop} reserved; its start request is the caller's to submit. */
    SessionRun reserve(DeviceHandle loop, String programId, Program program, Settings settings) throws SessionException {
        if (program == null) {
            throw new SessionException(Reason.NOT_FOUND, "no program given");
        }
        requireFree(loop);
        Plan plan = plan(loop, programId, program, settings);
        SessionRun run = new SessionRun(ids.next(), loop.description(), plan, settings, wall);
        record(run);
        if (!loop.reserve(run)) {
            recorder.sessionDiscarded(run.id());
            if (!loop.online()) { // unplugged, or its driver stopped, while the plan was made
                throw new SessionException(Reason.CONFLICT, loop.id() + " went away as the session was starting:"
                        + " it is no longer connected; the session was not started");
            }
            requireFree(loop);
            throw new SessionException(Reason.CONFLICT, loop.id() + " is busy");
        }
        return run;
    }

    private void record(SessionRun run) throws SessionException {
        try {
            recorder.sessionStarting(run.begunRecord());
        } catch (IOException e) {
            recorder.sessionDiscarded(run.id()); // in case the disk takes it late
            LOG.log(Level.ERROR, "session on " + run.device().id() + " not started: cannot record it: "
                    + e.getMessage());
            throw new SessionException(Reason.CONFLICT, "not started: the session cannot be recorded in the data"
                    + " folder (" + e.getMessage() + ")");
        }
    }

    private static Settings requireSettings(Settings settings) throws SessionException {
        if (settings == null) {
            throw new SessionException(Reason.REFUSED, "no settings given");
        }
        return settings;
    }

    private static void requireFree(DeviceHandle loop) throws SessionException {
        Latch latch = loop.latched();
        if (latch != null) {
            throw new SessionException(Reason.CONFLICT, loop.id() + " has a latched fault; a person must clear it first: "
                    + latch.fault().message());
        }
        SessionRun current = loop.session();
        if (current != null && !current.isOver()) {
            throw new SessionException(Reason.CONFLICT, loop.id() + " is running session " + current.id()
                    + " (" + current.state() + ")");
        }
    }
}
