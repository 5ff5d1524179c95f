package org.bootctl.engine;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.LoopStatistics;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;
import org.bootctl.engine.dispatch.ListenerDispatcher;
import org.bootctl.engine.loop.DeviceLoop;
import org.bootctl.engine.loop.DriverWatchdog;
import org.bootctl.engine.loop.Latch;
import org.bootctl.engine.loop.LoopHost;
import org.bootctl.engine.loop.Request;
import org.bootctl.engine.loop.SessionRun;
import org.bootctl.engine.record.Recorder;
import org.bootctl.engine.record.TraceSink;

/**
 * The engine without OSGi: devices (one {@link DeviceLoop} each), programs, sessions and their
 * history. Requests are checked here on the caller's thread and carried out on the device's loop.
 * The DS component feeds it services; tests drive it directly on virtual time.
 */
public final class Engine implements SessionService, SessionHistory {

    public static final String SHUTDOWN_REASON = "controller shut down";
    public static final int DEFAULT_TICK_HZ = 50;
    static final long CLEAR_TIMEOUT_MS = 2000;
    static final int KEEP_ENDED_SESSIONS = 200;
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Map<String, DeviceLoop> loops = new ConcurrentHashMap<>();
    private final Map<BootConnection, DeviceLoop> byConnection = new ConcurrentHashMap<>();
    private final ProgramRegistry programs = new ProgramRegistry();
    private final Map<String, SessionRun> sessions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> ended = new ConcurrentLinkedQueue<>();
    private final Clock wall;
    private final SessionIds ids;
    private final Recorder recorder;
    private final ListenerDispatcher dispatcher;
    private final LoopHost host = new Host();
    private final LoopMeter meter = new LoopMeter(loops::values);
    private final DriverWatchdog watchdog = new DriverWatchdog();
    private final ProgramCompiler compiler = new ProgramCompiler();
    private volatile long tickNanos = tickNanos(DEFAULT_TICK_HZ);
    private volatile boolean running;

    public Engine(Clock wall, Recorder recorder, ListenerDispatcher dispatcher) {
        this.wall = wall;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        ids = new SessionIds(wall);
    }

    // ---- life ----

    /** Starts every loop; crash recovery of the history runs on the recorder, not here. */
    public void activate(int tickHz) {
        tickNanos = tickNanos(tickHz);
        recorder.recoverInterrupted();
        running = true;
        watchdog.start();
        loops.values().forEach(loop -> loop.start(tickNanos));
    }

    public void setTickHz(int tickHz) {
        tickNanos = tickNanos(tickHz);
        loops.values().forEach(loop -> loop.retime(tickNanos));
    }

    static long tickNanos(int hz) {
        int clamped = Math.max(10, Math.min(200, hz));
        return 1_000_000_000L / clamped;
    }

    /** Every device vented first, then every session ends STOPPED and is recorded, then the loops stop. */
    public void shutdown() {
        running = false;
        loops.values().forEach(DeviceLoop::haltAndVent);
        loops.values().forEach(loop -> loop.finishShutdown(SHUTDOWN_REASON));
        watchdog.stop();
    }

    /** How punctually the loops tick and what they cost. */
    public LoopStatistics loopStatistics() {
        return meter;
    }

    // ---- services coming and going ----

    public void addDevice(BootConnection connection) {
        DeviceLoop loop;
        try {
            loop = new DeviceLoop(connection, host);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a device connection could not be taken on: " + e, e);
            return;
        }
        if (loops.putIfAbsent(loop.id(), loop) != null) {
            LOG.log(Level.ERROR, "a second device with id " + loop.id() + " was ignored; ids must be unique");
            loop.finishShutdown("duplicate device id");
            return;
        }
        byConnection.put(connection, loop);
        watchdog.watch(loop);
        if (running) {
            loop.start(tickNanos);
        }
        dispatcher.deviceChanged(loop.status(), true);
    }

    /** The device is gone: its session ends in FAULT at once; nothing is sent to it again. */
    public void removeDevice(BootConnection connection) {
        DeviceLoop loop = byConnection.remove(connection);
        if (loop == null) {
            return;
        }
        loops.remove(loop.id(), loop);
        loop.disconnected();
        dispatcher.deviceChanged(loop.status(), false);
    }

    public void addProgram(Program program, Map<String, ?> properties) {
        programs.add(program, properties);
    }

    public void removeProgram(Program program) {
        programs.remove(program);
    }

    public void addSessionListener(SessionListener listener) {
        dispatcher.addSessionListener(listener);
    }

    public void removeSessionListener(SessionListener listener) {
        dispatcher.removeSessionListener(listener);
    }

    public void addTelemetryListener(TelemetryListener listener) {
        dispatcher.addTelemetryListener(listener);
    }

    public void removeTelemetryListener(TelemetryListener listener) {
        dispatcher.removeTelemetryListener(listener);
    }

    // ---- SessionService ----

    @Override
    public List<DeviceStatus> devices() {
        return loops.values().stream().map(DeviceLoop::status)
                .sorted(Comparator.comparing(DeviceStatus::id)).toList();
    }

    @Override
    public Optional<DeviceStatus> device(String deviceId) {
        return Optional.ofNullable(deviceId).map(loops::get).map(DeviceLoop::status);
    }

    @Override
    public List<ProgramInfo> programs() {
        return programs.infos();
    }

    @Override
    public Plan preview(String deviceId, String programId, Settings settings) throws SessionException {
        DeviceLoop loop = requireDevice(deviceId);
        return compiler.plan(programId, requireProgram(programId), loop.description(),
                requireSettings(settings));
    }

    @Override
    public SessionInfo start(String deviceId, String programId, Settings settings) throws SessionException {
        requireDevice(deviceId);
        return start(deviceId, programId, requireProgram(programId), settings);
    }

    @Override
    public SessionInfo start(String deviceId, Program program, Settings settings) throws SessionException {
        return start(deviceId, null, program, settings);
    }

    /** @param programId the id the caller chose the program by, or null when it gave the program itself */
    private SessionInfo start(String deviceId, String programId, Program program, Settings settings) throws SessionException {
        DeviceLoop loop = requireDevice(deviceId);
        if (program == null) {
            throw new SessionException(Reason.NOT_FOUND, "no program given");
        }
        requireFree(loop);
        Plan plan = compiler.plan(programId, program, loop.description(), requireSettings(settings));
        SessionRun run = new SessionRun(ids.next(), loop.description(), plan, settings, wall);
        record(run);
        if (!loop.reserve(run)) {
            recorder.sessionDiscarded(run.id());
            requireFree(loop);
            throw new SessionException(Reason.CONFLICT, deviceId + " is busy");
        }
        sessions.put(run.id(), run);
        loop.submit(new Request.Start(run));
        SessionInfo info = run.info();
        dispatcher.sessionChanged(info);
        return info;
    }

    /**
     * The session's open-session marker on the disk before the device can see it and before the
     * start is answered: a crash at any moment after the answer leaves its record (RELIABILITY.md).
     */
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

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return Optional.ofNullable(sessionId).map(sessions::get).map(SessionRun::info);
    }

    @Override
    public SessionInfo pause(String sessionId) throws SessionException {
        return move(sessionId, SessionState.RUNNING, SessionState.PAUSED, "paused", Request.Pause::new);
    }

    @Override
    public SessionInfo resume(String sessionId) throws SessionException {
        return move(sessionId, SessionState.PAUSED, SessionState.RUNNING, "resumed", Request.Resume::new);
    }

    /** Pause and resume: already there is no change; only {@code from} can move; the loop carries it out. */
    private SessionInfo move(String sessionId, SessionState from, SessionState to, String verb,
                             java.util.function.Function<SessionRun, Request> request) throws SessionException {
        SessionRun run = requireSession(sessionId);
        SessionState state = run.state();
        if (state == to) {
            return run.info();
        }
        if (state != from) {
            throw new SessionException(Reason.CONFLICT, "session " + sessionId + " is " + state
                    + ": only a " + from + " session can be " + verb);
        }
        return submit(run, request.apply(run));
    }

    @Override
    public SessionInfo stop(String sessionId) throws SessionException {
        SessionRun run = requireSession(sessionId);
        SessionState state = run.state();
        if (state.isFinal()) {
            throw new SessionException(Reason.CONFLICT, "session " + sessionId + " has ended (" + state + ")");
        }
        if (state == SessionState.VENTING) {
            return run.info(); // ending already
        }
        return submit(run, new Request.Stop(run));
    }

    private SessionInfo submit(SessionRun run, Request request) throws SessionException {
        DeviceLoop loop = loops.get(run.device().id());
        if (loop == null || loop.session() != run) {
            throw new SessionException(Reason.CONFLICT, "session " + run.id() + " is no longer on its device");
        }
        loop.submit(request);
        return run.info();
    }

    @Override
    public boolean emergencyStop(String deviceId) {
        DeviceLoop loop = deviceId == null ? null : loops.get(deviceId);
        return loop != null && loop.emergencyStop();
    }

    @Override
    public void emergencyStopAll() {
        loops.values().forEach(DeviceLoop::emergencyStop);
    }

    /**
     * Clears a latched fault once its cause is gone: the device reports, every zone is vented and
     * readings are plausible; a fault the device's firmware latched must also clear on the device,
     * which is asked here and answers within {@value #CLEAR_TIMEOUT_MS} ms. A device on its own
     * (virtual) time answers in that time, which this thread cannot wait for: its latch is
     * released when it confirms, and stays if it refuses.
     */
    @Override
    public void clearFault(String deviceId) throws SessionException {
        DeviceLoop loop = requireDevice(deviceId);
        Latch latch = loop.latched();
        if (latch == null) {
            return;
        }
        String blocker = loop.clearBlocker();
        if (blocker != null) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: " + blocker);
        }
        DeviceFault onDevice = loop.deviceLatchedFault();
        boolean askDevice = latch.fromDevice() || onDevice != null;
        if (askDevice) {
            String what = onDevice != null ? onDevice.kind().words() : latch.fault().message();
            CompletableFuture<Boolean> answer = answer(loop.clearDeviceFault());
            if (!answer.isDone() && loop.deviceHasOwnTime()) {
                answer.whenComplete((cleared, error) -> {
                    if (Boolean.TRUE.equals(cleared)) {
                        loop.unlatch(latch, true);
                    } else {
                        LOG.log(Level.WARNING, deviceId + ": the device refused to clear (" + what + ")");
                    }
                });
                return;
            }
            await(answer, loop, what);
        }
        if (!loop.unlatch(latch, askDevice)) {
            Latch now = loop.latched();
            throw new SessionException(Reason.CONFLICT, "cannot clear: a new fault latched: "
                    + (now == null ? "(cleared meanwhile)" : now.fault().message()));
        }
        LOG.log(Level.INFO, deviceId + ": fault cleared (" + latch.fault().message() + ")");
    }

    private static CompletableFuture<Boolean> answer(CompletionStage<Boolean> stage) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(value);
            }
        });
        return answer;
    }

    private static void await(CompletableFuture<Boolean> answer, DeviceLoop loop, String what)
            throws SessionException {
        Boolean cleared;
        try {
            cleared = answer.get(CLEAR_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: " + loop.id() + " did not answer within "
                    + CLEAR_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: " + loop.id() + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(Reason.CONFLICT, "cannot clear: interrupted");
        }
        if (!Boolean.TRUE.equals(cleared)) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: the cause persists on " + loop.id() + " ("
                    + what + ")");
        }
    }

    // ---- SessionHistory ----

    @Override
    public List<SessionRecord> recent(int limit) {
        return recorder.history().recent(limit);
    }

    @Override
    public Optional<Path> trace(String sessionId) {
        return recorder.traces().existing(sessionId);
    }

    // ---- checks ----

    private DeviceLoop requireDevice(String deviceId) throws SessionException {
        DeviceLoop loop = deviceId == null ? null : loops.get(deviceId);
        if (loop == null) {
            throw new SessionException(Reason.NOT_FOUND, "no device '" + deviceId + "' is connected");
        }
        return loop;
    }

    private Program requireProgram(String programId) throws SessionException {
        return programs.find(programId).orElseThrow(() ->
                new SessionException(Reason.NOT_FOUND, "no program '" + programId + "'"));
    }

    private static Settings requireSettings(Settings settings) throws SessionException {
        if (settings == null) {
            throw new SessionException(Reason.REFUSED, "no settings given");
        }
        return settings;
    }

    private static void requireFree(DeviceLoop loop) throws SessionException {
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

    private SessionRun requireSession(String sessionId) throws SessionException {
        SessionRun run = sessionId == null ? null : sessions.get(sessionId);
        if (run == null) {
            throw new SessionException(Reason.NOT_FOUND, "no session '" + sessionId + "'");
        }
        return run;
    }

    /** What the loops tell the engine; every call returns at once. */
    private final class Host implements LoopHost {
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
            // nothing to write: its marker is on the disk since start() (record)
        }

        @Override
        public void sessionEnded(SessionRun run, SessionRecord record) {
            recorder.sessionEnded(record);
            ended.add(run.id());
            while (sessions.size() > KEEP_ENDED_SESSIONS) {
                String oldest = ended.poll();
                if (oldest == null) {
                    break;
                }
                sessions.remove(oldest);
            }
        }
    }
}
