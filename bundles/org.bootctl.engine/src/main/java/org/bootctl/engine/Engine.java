package org.bootctl.engine;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.LoopStatistics;
import org.bootctl.api.session.LoopTiming;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.TelemetryListener;
import org.bootctl.engine.dispatch.ListenerDispatcher;
import org.bootctl.engine.loop.AsideCalls;
import org.bootctl.engine.loop.DeviceHandle;
import org.bootctl.engine.loop.DriverWatchdog;
import org.bootctl.engine.loop.Request;
import org.bootctl.engine.loop.SessionRun;
import org.bootctl.engine.record.Recorder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The engine, and its DS component: {@link SessionService}, {@link SessionHistory} and
 * {@link LoopStatistics} over devices (one {@link DeviceHandle} each, tracked as dynamic services
 * with programs and listeners), programs, sessions and their history. Requests are checked here on
 * the caller's thread and carried out on the device's loop. Activation starts nothing that blocks
 * (the history's crash recovery runs on the recorder thread); deactivation vents every device
 * first, then ends and records every session. Tests drive it without a framework, on virtual time.
 */
@Component(service = {SessionService.class, SessionHistory.class, LoopStatistics.class}, configurationPid = Engine.PID,
        immediate = true)
@Designate(ocd = Engine.Config.class)
public final class Engine implements SessionService, SessionHistory, LoopStatistics {

    public static final String PID = "org.bootctl.engine";
    public static final String SHUTDOWN_REASON = "controller shut down";
    public static final int DEFAULT_TICK_HZ = 50;
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    @ObjectClassDefinition(name = "bootctl engine", description = "Sessions and the control loop per device")
    public @interface Config {
        @AttributeDefinition(name = "Tick rate", description = "Control-loop ticks per second per device (10..200)",
                min = "10", max = "200")
        int tickHz() default DEFAULT_TICK_HZ;
    }

    private final DeviceTable devices = new DeviceTable();
    private final ProgramRegistry programs = new ProgramRegistry();
    private final SessionTable sessions = new SessionTable();
    private final Recorder recorder;
    private final ListenerDispatcher dispatcher;
    private final LoopEvents host;
    private final LoopMeter meter = new LoopMeter(devices::all);
    private final DriverWatchdog watchdog = new DriverWatchdog();
    private final SessionStarter starter;
    /** The threads this engine made for itself in a framework, or null when given its recorder and dispatcher. */
    private final EngineThreads threads;
    private volatile long tickNanos = tickNanos(DEFAULT_TICK_HZ);
    private volatile boolean running;

    /** Without a framework: the caller owns the recorder's and the dispatcher's threads; {@link #open} starts it. */
    public Engine(Clock wall, Recorder recorder, ListenerDispatcher dispatcher) {
        this(wall, recorder, dispatcher, null);
    }

    /** The DS component: on the framework's data folder, on threads of its own, started at once. */
    @Activate
    public Engine(BundleContext context, Config config) {
        this(new EngineThreads(), context);
        open(config.tickHz());
    }

    private Engine(EngineThreads threads, BundleContext context) {
        this(Clock.systemUTC(), threads.recorder(context), threads.dispatcher, threads);
    }

    private Engine(Clock wall, Recorder recorder, ListenerDispatcher dispatcher, EngineThreads threads) {
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        this.threads = threads;
        starter = new SessionStarter(wall, recorder);
        host = new LoopEvents(dispatcher, recorder, sessions);
    }

    // ---- life ----

    /** Starts every loop; crash recovery of the history runs on the recorder, not here. */
    public void open(int tickHz) {
        tickNanos = tickNanos(tickHz);
        recorder.recoverInterrupted();
        running = true;
        watchdog.start();
        devices.all().forEach(loop -> loop.start(tickNanos));
    }

    @Modified
    void modified(Config config) {
        setTickHz(config.tickHz());
    }

    public void setTickHz(int tickHz) {
        tickNanos = tickNanos(tickHz);
        devices.all().forEach(loop -> loop.retime(tickNanos));
    }

    static long tickNanos(int hz) {
        int clamped = Math.max(10, Math.min(200, hz));
        return 1_000_000_000L / clamped;
    }

    /**
     * Every loop halted, then every device vented, then every session ends STOPPED and is recorded
     * and every connection let go. The drivers are called each from a thread of its own, waited for
     * a bounded time ({@link AsideCalls}): one that hangs holds neither the others nor the shutdown.
     */
    public void shutdown() {
        running = false;
        List<DeviceHandle> all = List.copyOf(devices.all());
        all.forEach(DeviceHandle::halt);
        AsideCalls.onEach(all, loop -> loop.ventAside("at shutdown"), "vent-all at shutdown");
        AsideCalls.onEach(all, loop -> loop.finishShutdown(SHUTDOWN_REASON), "listen(null) at shutdown");
        watchdog.stop();
    }

    /** The shutdown, then the recorder drained and the engine's own threads ended. */
    @Deactivate
    void deactivate() {
        shutdown();
        programs.close();
        if (threads != null) {
            threads.close();
        }
    }

    // ---- services coming and going ----

    @Reference(service = BootConnection.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addDevice(BootConnection connection) {
        DeviceHandle loop;
        try {
            loop = new DeviceHandle(connection, host);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a device connection could not be taken on: " + e, e);
            return;
        }
        if (!devices.connect(connection, loop)) {
            return; // waits for its id to be free
        }
        watchdog.watch(loop);
        // listed until its connection goes; told before its loop runs, whose own events (a fault latched on
        // its first sample, a listen that failed) must come after this one
        loop.announce(true);
        if (running) {
            loop.start(tickNanos); // a driver whose listen throws leaves the device latched, not controlled
        }
    }

    /** The device is gone: its session ends in FAULT at once; nothing is sent to it again. */
    public void removeDevice(BootConnection connection) {
        DeviceTable.Gone gone = devices.disconnect(connection);
        if (gone == null) {
            return;
        }
        gone.device().disconnected();
        gone.device().announce(false);
        if (gone.next() != null) {
            addDevice(gone.next()); // the unit that waited for this id
        }
    }

    @Reference(service = Program.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addProgram(Program program, Map<String, Object> properties) {
        programs.add(program, properties);
    }

    public void removeProgram(Program program) {
        programs.remove(program);
    }

    @Reference(service = SessionListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addSessionListener(SessionListener listener) {
        dispatcher.addSessionListener(listener);
    }

    public void removeSessionListener(SessionListener listener) {
        dispatcher.removeSessionListener(listener);
    }

    @Reference(service = TelemetryListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addTelemetryListener(TelemetryListener listener) {
        dispatcher.addTelemetryListener(listener);
    }

    public void removeTelemetryListener(TelemetryListener listener) {
        dispatcher.removeTelemetryListener(listener);
    }

    // ---- SessionService ----

    @Override
    public List<DeviceStatus> devices() {
        return devices.all().stream().map(DeviceHandle::status)
                .sorted(Comparator.comparing(DeviceStatus::id)).toList();
    }

    @Override
    public Optional<DeviceStatus> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId)).map(DeviceHandle::status);
    }

    @Override
    public List<ProgramInfo> programs() {
        return programs.infos();
    }

    @Override
    public Plan preview(String deviceId, String programId, Settings settings) throws SessionException {
        DeviceHandle loop = devices.require(deviceId);
        return starter.plan(loop, programId, programs.require(programId), settings);
    }

    @Override
    public SessionInfo start(String deviceId, String programId, Settings settings) throws SessionException {
        devices.require(deviceId);
        return start(deviceId, programId, programs.require(programId), settings);
    }

    @Override
    public SessionInfo start(String deviceId, Program program, Settings settings) throws SessionException {
        return start(deviceId, null, program, settings);
    }

    /** @param programId the id the caller chose the program by, or null when it gave the program itself */
    private SessionInfo start(String deviceId, String programId, Program program, Settings settings) throws SessionException {
        DeviceHandle loop = devices.require(deviceId);
        SessionRun run = starter.reserve(loop, programId, program, settings);
        sessions.add(run);
        SessionInfo info = run.info();
        // told before the loop can see the start: its own events (fit check, ...) must come after this one
        dispatcher.sessionChanged(info);
        loop.submit(new Request.Start(run));
        return info;
    }

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(SessionRun::info);
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
                             Function<SessionRun, Request> request) throws SessionException {
        SessionRun run = sessions.require(sessionId);
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
        SessionRun run = sessions.require(sessionId);
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
        DeviceHandle loop = devices.get(run.device().id());
        if (loop == null || loop.session() != run) {
            throw new SessionException(Reason.CONFLICT, "session " + run.id() + " is no longer on its device");
        }
        loop.submit(request);
        return run.info();
    }

    @Override
    public boolean emergencyStop(String deviceId) {
        DeviceHandle loop = devices.get(deviceId);
        return loop != null && loop.emergencyStop();
    }

    /**
     * Every device latched first (in memory: each loop vents its device on its next tick whatever a
     * driver does), then every device vented at once, each from a thread of its own, waited for a
     * bounded time: a driver whose vent-all hangs holds no other device's.
     */
    @Override
    public void emergencyStopAll() {
        List<DeviceHandle> latched = devices.all().stream().filter(DeviceHandle::latchEmergencyStop).toList();
        AsideCalls.onEach(latched, loop -> loop.ventAside("at the emergency stop of all"),
                "vent-all at the emergency stop of all");
    }

    /** See {@link FaultClearing}: the same on real and on virtual time. */
    @Override
    public void clearFault(String deviceId) throws SessionException {
        FaultClearing.clear(devices.require(deviceId));
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

    // ---- LoopStatistics: how punctually the loops tick and what they cost ----

    @Override
    public List<LoopTiming> loops() {
        return meter.loops();
    }

    @Override
    public LoopTiming allLoops() {
        return meter.allLoops();
    }

    @Override
    public long loopCpuNanos() {
        return meter.loopCpuNanos();
    }

    @Override
    public long windowNanos() {
        return meter.windowNanos();
    }

    @Override
    public void reset() {
        meter.reset();
    }
}
