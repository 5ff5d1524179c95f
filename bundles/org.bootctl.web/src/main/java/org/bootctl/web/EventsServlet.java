package org.bootctl.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;
import org.bootctl.web.contract.Views.ProgramView;
import org.bootctl.web.contract.Views;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/events}: the live stream (Server-Sent Events). Hears the engine as a session and
 * telemetry listener and writes every event from one dispatcher thread, in order: telemetry of
 * each device about 20 times a second, and session, fault, device and program events as they happen.
 */
@Component(service = {Servlet.class, TelemetryListener.class, SessionListener.class})
@HttpWhiteboardServletName("bootctl-events")
@HttpWhiteboardServletPattern("/api/events")
@HttpWhiteboardServletAsyncSupported
public final class EventsServlet extends HttpServlet implements TelemetryListener, SessionListener {
    private static final long serialVersionUID = 1L;

    static final long TELEMETRY_PERIOD_MS = 50;
    /** Below the server's idle timeout (5 s, features' org.apache.felix.http.timeout): a quiet stream stays open. */
    static final long HEARTBEAT_PERIOD_MS = 2_000;
    static final long RETRY_MS = 2_000;
    /** Streams open at once; each may hold {@link SseClient#MAX_QUEUED_BYTES} while its network is slow. */
    static final int MAX_CLIENTS = 200;

    private final transient EventHub hub = new EventHub();
    /**
     * The places of the {@link #MAX_CLIENTS} streams, each taken before its request goes async and
     * given back when that stream closes: the hub itself gains a stream only later, on the dispatcher,
     * so counting it would let simultaneous requests all through.
     */
    private final transient Semaphore places = new Semaphore(MAX_CLIENTS);
    private final transient TelemetryThrottle throttle = new TelemetryThrottle();
    /** The fault last told per device, so one fault is one event (dispatcher thread only). */
    private final transient Map<String, Fault> toldFaults = new HashMap<>();
    private transient volatile ScheduledExecutorService dispatcher;
    /** As the engine's bound on a program's own code (docs/PROGRAM-BUNDLES.md). */
    static final long PROGRAM_INFO_MS = 2_000;
    /** Threads that may be inside programs' info() at once: those that hang hold no more. */
    static final int PROGRAM_INFO_READERS = 4;
    /** Reads that may wait for a reader (behind ones that hang); a program beyond is not told of. */
    static final int PROGRAM_INFO_WAITING = 1000;
    private final transient Object programEventOrder = new Object();
    /** The last program event's telling, after which the next is told (guarded by programEventOrder). */
    private transient CompletableFuture<Void> programEventsTold = CompletableFuture.completedFuture(null);
    /**
     * Reads what a program says of itself; a hanging info() keeps its thread, and programs that hang
     * hold {@link #PROGRAM_INFO_READERS} threads at most, however many come and go.
     */
    private final transient ThreadPoolExecutor programInfoReader = new ThreadPoolExecutor(PROGRAM_INFO_READERS,
            PROGRAM_INFO_READERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(PROGRAM_INFO_WAITING), r -> {
                Thread thread = new Thread(r, "bootctl-web-program-info");
                thread.setDaemon(true);
                return thread;
            });

    {
        programInfoReader.allowCoreThreadTimeOut(true);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SessionService sessions;

    @Activate
    void activate() {
        ScheduledExecutorService d = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bootctl-web-events");
            thread.setDaemon(true);
            return thread;
        });
        d.scheduleAtFixedRate(guarded(this::sendTelemetry), TELEMETRY_PERIOD_MS, TELEMETRY_PERIOD_MS,
                TimeUnit.MILLISECONDS);
        d.scheduleAtFixedRate(guarded(() -> hub.broadcast(SseFormat.comment("keep-alive"))), HEARTBEAT_PERIOD_MS,
                HEARTBEAT_PERIOD_MS, TimeUnit.MILLISECONDS);
        dispatcher = d;
    }

    @Deactivate
    void deactivate() {
        ScheduledExecutorService d = dispatcher;
        dispatcher = null;
        if (d != null) {
            d.shutdownNow();
        }
        programInfoReader.shutdownNow(); // a program's info() still running is interrupted, its thread let go
        hub.closeAll();
    }

    /** The headers of the stream, without starting one. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!places.tryAcquire()) {
            response.setHeader("Retry-After", "10");
            ApiServlet.sendJson(response, 503, new ApiError(503, "too many event streams are open ("
                    + MAX_CLIENTS + "); try again later").body());
            return;
        }
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable giveBack = () -> {
            if (held.getAndSet(false)) {
                places.release();
            }
        };
        SseClient client;
        try {
            response.setContentType("text/event-stream;charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            AsyncContext async = request.startAsync();
            async.setTimeout(0);
            ServletOutputStream out = response.getOutputStream();
            SseClient[] self = new SseClient[1];
            client = new SseClient(async, out, () -> {
                hub.remove(self[0]);
                giveBack.run();
            });
            self[0] = client;
            async.addListener(client);
            out.setWriteListener(client); // from here on no write can block a thread
        } catch (IOException | RuntimeException e) {
            giveBack.run(); // the container refused the stream: it never opened
            throw e;
        }
        // the greeting and the devices as they are now, queued before the first broadcast reaches it
        if (!dispatch(() -> {
            hub.add(client);
            hub.send(client, SseFormat.retry(RETRY_MS));
            SessionService s = sessions;
            if (s != null) {
                for (DeviceStatus device : s.devices()) {
                    hub.send(client, SseFormat.event("device", new Views.DeviceEvent(Views.DeviceView.of(device), true)));
                }
            }
        })) {
            client.close();
        }
    }

    @Override
    public void telemetry(Telemetry frame) {
        throttle.offer(frame);
    }

    @Override
    public void sessionChanged(SessionInfo session) {
        dispatch(() -> {
            hub.broadcast(SseFormat.event("session", Views.SessionView.of(session)));
            tellFault(session.deviceId(), session.id(), session.fault());
        });
    }

    @Override
    public void deviceChanged(DeviceStatus device, boolean online) {
        dispatch(() -> {
            hub.broadcast(SseFormat.event("device", new Views.DeviceEvent(Views.DeviceView.of(device), online)));
            if (device.fault() == null) {
                toldFaults.remove(device.id());
            } else {
                tellFault(device.id(), device.sessionId(), device.fault());
            }
        });
    }

    @Reference(service = Program.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProgram(Program program, Map<String, Object> properties) {
        programEvent("added", program, properties);
    }

    void removeProgram(Program program, Map<String, Object> properties) {
        programEvent("removed", program, properties);
    }

    /**
     * Tells of a program that came or went, with what it says of itself, read on a thread of its own
     * within {@link #PROGRAM_INFO_MS}: a program whose info() hangs never holds the thread that
     * registered it nor the dispatcher, and one that does not answer in time is not told of (nor one
     * that would wait behind {@link #PROGRAM_INFO_WAITING} others). The events are told in the order
     * the programs came and went.
     */
    private void programEvent(String change, Program program, Map<String, Object> properties) {
        if (dispatcher == null) {
            return; // the programs there at activation are no news
        }
        Object source = properties.get(Program.SOURCE);
        CompletableFuture<ProgramInfo> info;
        try {
            info = CompletableFuture.supplyAsync(program::info, programInfoReader)
                    .orTimeout(PROGRAM_INFO_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stoppedOrFull) { // behind programs whose info() does not return
            return;
        }
        synchronized (programEventOrder) {
            programEventsTold = programEventsTold
                    .thenCompose(previous -> info.handle((described, failure) -> described))
                    .thenAccept(described -> {
                        if (described != null) {
                            tellProgram(change, described, source);
                        }
                    })
                    .exceptionally(failure -> null); // one that cannot be shown never holds up the next
        }
    }

    private void tellProgram(String change, ProgramInfo info, Object source) {
        ProgramView view = ProgramView.of(info);
        ProgramView withSource = new ProgramView(view.id(), view.name(), view.version(), view.author(),
                view.description(), view.minZones(), view.maxZones(), source == null ? null : source.toString(), null,
                true, view.errors());
        dispatch(() -> hub.broadcast(SseFormat.event("program", new Views.ProgramEvent(change, withSource))));
    }

    private void tellFault(String deviceId, String sessionId, Fault fault) {
        if (fault != null && !Objects.equals(toldFaults.get(deviceId), fault)) {
            toldFaults.put(deviceId, fault);
            hub.broadcast(SseFormat.event("fault", new Views.FaultEvent(deviceId, sessionId, Views.FaultView.of(fault))));
        }
    }

    private void sendTelemetry() {
        for (Telemetry frame : throttle.drain()) {
            if (!hub.isEmpty()) {
                hub.broadcast(SseFormat.event("telemetry", Views.TelemetryView.of(frame)));
            }
        }
    }

    /** A failing event is logged and skipped; it never stops the dispatcher or its schedules. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.getLogger(EventsServlet.class.getName()).log(System.Logger.Level.WARNING,
                        "bootctl web: an event could not be sent", e);
            }
        };
    }

    /** Runs a task on the dispatcher, in order with every other event; false when the stream is shut. */
    private boolean dispatch(Runnable task) {
        ScheduledExecutorService d = dispatcher;
        if (d == null) {
            return false;
        }
        try {
            d.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
        }
    }
}
