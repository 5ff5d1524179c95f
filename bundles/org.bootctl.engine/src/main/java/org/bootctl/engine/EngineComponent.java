package org.bootctl.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.LoopStatistics;
import org.bootctl.api.session.LoopTiming;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.TelemetryListener;
import org.bootctl.engine.dispatch.ListenerDispatcher;
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
 * The engine as a DS component: {@link SessionService}, {@link SessionHistory} and
 * {@link LoopStatistics}, tracking device connections, programs and listeners as dynamic
 * services. Activation starts nothing that
 * blocks (the history's crash recovery runs on the recorder thread); deactivation vents every
 * device first, then ends and records every session.
 */
@Component(service = {SessionService.class, SessionHistory.class, LoopStatistics.class}, configurationPid = EngineComponent.PID,
        immediate = true)
@Designate(ocd = EngineComponent.Config.class)
public final class EngineComponent implements SessionService, SessionHistory, LoopStatistics {

    public static final String PID = "org.bootctl.engine";
    static final long DRAIN_MILLIS = 3000;
    /** Framework property: "false" when this process does not hold the data folder's lock. */
    public static final String DATA_OWNER = "bootctl.data.owner";

    @ObjectClassDefinition(name = "bootctl engine", description = "Sessions and the control loop per device")
    public @interface Config {
        @AttributeDefinition(name = "Tick rate", description = "Control-loop ticks per second per device (10..200)",
                min = "10", max = "200")
        int tickHz() default Engine.DEFAULT_TICK_HZ;
    }

    private final ExecutorService recorderThread = Executors.newSingleThreadExecutor(named("bootctl-recorder"));
    private final ListenerDispatcher dispatcher = new ListenerDispatcher(
            Executors.newSingleThreadExecutor(named("bootctl-session-events")), named("bootctl-telemetry"));
    private final Engine engine;

    @Activate
    public EngineComponent(BundleContext context, Config config) {
        String data = context.getProperty("bootctl.data");
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath();
        // "false" from a launcher command that runs no sessions beside a controller that may (OPERATIONS.md)
        boolean ownsData = !"false".equals(context.getProperty(DATA_OWNER));
        engine = new Engine(Clock.systemUTC(), new Recorder(dataDir, recorderThread, ownsData), dispatcher);
        engine.activate(config.tickHz());
    }

    @Modified
    void modified(Config config) {
        engine.setTickHz(config.tickHz());
    }

    @Deactivate
    void deactivate() {
        engine.shutdown();
        recorderThread.shutdown();
        try {
            recorderThread.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close(500);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---- dynamic references ----

    @Reference(service = BootConnection.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeConnection")
    void addConnection(BootConnection connection) {
        engine.addDevice(connection);
    }

    void removeConnection(BootConnection connection) {
        engine.removeDevice(connection);
    }

    @Reference(service = Program.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProgram")
    void addProgram(Program program, Map<String, Object> properties) {
        engine.addProgram(program, properties);
    }

    void removeProgram(Program program) {
        engine.removeProgram(program);
    }

    @Reference(service = SessionListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeSessionListener")
    void addSessionListener(SessionListener listener) {
        engine.addSessionListener(listener);
    }

    void removeSessionListener(SessionListener listener) {
        engine.removeSessionListener(listener);
    }

    @Reference(service = TelemetryListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeTelemetryListener")
    void addTelemetryListener(TelemetryListener listener) {
        engine.addTelemetryListener(listener);
    }

    void removeTelemetryListener(TelemetryListener listener) {
        engine.removeTelemetryListener(listener);
    }

    // ---- the services, delegated ----

    @Override
    public List<DeviceStatus> devices() {
        return engine.devices();
    }

    @Override
    public Optional<DeviceStatus> device(String deviceId) {
        return engine.device(deviceId);
    }

    @Override
    public List<ProgramInfo> programs() {
        return engine.programs();
    }

    @Override
    public Plan preview(String deviceId, String programId, Settings settings) throws SessionException {
        return engine.preview(deviceId, programId, settings);
    }

    @Override
    public SessionInfo start(String deviceId, String programId, Settings settings) throws SessionException {
        return engine.start(deviceId, programId, settings);
    }

    @Override
    public SessionInfo start(String deviceId, Program program, Settings settings) throws SessionException {
        return engine.start(deviceId, program, settings);
    }

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return engine.session(sessionId);
    }

    @Override
    public SessionInfo pause(String sessionId) throws SessionException {
        return engine.pause(sessionId);
    }

    @Override
    public SessionInfo resume(String sessionId) throws SessionException {
        return engine.resume(sessionId);
    }

    @Override
    public SessionInfo stop(String sessionId) throws SessionException {
        return engine.stop(sessionId);
    }

    @Override
    public boolean emergencyStop(String deviceId) {
        return engine.emergencyStop(deviceId);
    }

    @Override
    public void emergencyStopAll() {
        engine.emergencyStopAll();
    }

    @Override
    public void clearFault(String deviceId) throws SessionException {
        engine.clearFault(deviceId);
    }

    @Override
    public List<SessionRecord> recent(int limit) {
        return engine.recent(limit);
    }

    @Override
    public Optional<Path> trace(String sessionId) {
        return engine.trace(sessionId);
    }

    @Override
    public List<LoopTiming> loops() {
        return engine.loopStatistics().loops();
    }

    @Override
    public LoopTiming allLoops() {
        return engine.loopStatistics().allLoops();
    }

    @Override
    public long loopCpuNanos() {
        return engine.loopStatistics().loopCpuNanos();
    }

    @Override
    public long windowNanos() {
        return engine.loopStatistics().windowNanos();
    }

    @Override
    public void reset() {
        engine.loopStatistics().reset();
    }
}
