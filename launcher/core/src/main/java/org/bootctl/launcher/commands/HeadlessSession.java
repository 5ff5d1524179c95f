package org.bootctl.launcher.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.ValidationError;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.TelemetryListener;
import org.bootctl.api.time.Timebase;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.launcher.ConsoleText;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.Suggest;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * One headless session in a started runtime, from the choice of device to the summary: finds
 * the device and its clock, starts the session, lets it run (pumping a simulated clock) with a
 * progress line, and reports how it ended as an exit code.
 */
final class HeadlessSession {

    /** How long devices, programs and services get to appear (real time). */
    static final Duration APPEAR = Duration.ofSeconds(5);
    /** Simulated time a session may run past its length (fit check, venting) before it counts as stuck. */
    static final long VIRTUAL_GRACE_NANOS = Duration.ofMinutes(30).toNanos();

    private final Invocation invocation;
    private final OsgiRuntime runtime;
    private final Settings settings;
    private final String programArgument;
    private final Optional<Path> programFile;
    /** Timebase services got so far: each is got once, however often the waiting loops look. */
    private final Map<ServiceReference<Timebase>, Timebase> timebases = new HashMap<>();

    HeadlessSession(Invocation invocation, OsgiRuntime runtime, Settings settings, String programArgument,
                    Optional<Path> programFile) {
        this.invocation = invocation;
        this.runtime = runtime;
        this.settings = settings;
        this.programArgument = programArgument;
        this.programFile = programFile;
    }

    int run() throws CommandException, InterruptedException {
        String featureName = runtime.feature().name();
        SessionService sessions = runtime.awaitService(SessionService.class, null, APPEAR)
                .orElseThrow(() -> CommandException.failure("feature " + featureName
                        + " offers no session service (is org.bootctl.engine in it?)"));
        boolean virtual = invocation.args().has("virtual-time");
        // until the device is known, pump every simulated clock there is (nothing runs on one by itself)
        TimeDriver waiting = TimeDriver.virtual(() -> virtualTimebases(null));
        DeviceStatus device = device(sessions, waiting);
        List<VirtualTimebase> clock = awaitVirtualTimebase(device.id(), virtual ? APPEAR : Duration.ZERO, waiting);
        if (virtual && clock.isEmpty()) {
            throw CommandException.usage("--virtual-time needs a simulated device: device " + device.id()
                    + " has no virtual timebase");
        }
        // a device on a simulated clock must be pumped, whether or not --virtual-time asked for it
        TimeDriver time = clock.isEmpty() ? TimeDriver.real() : TimeDriver.virtual(() -> clock);

        TelemetryPeaks peaks = new TelemetryPeaks();
        ServiceRegistration<TelemetryListener> listener =
                runtime.context().registerService(TelemetryListener.class, peaks, null);
        try {
            SessionInfo started = start(sessions, device, time, peaks);
            SessionInfo ended;
            try (SignalStop signal = new SignalStop(() -> stopOnSignal(sessions, started.id()))) {
                ended = follow(sessions, started, time, peaks);
            }
            return finish(ended, device, time, peaks);
        } finally {
            try {
                listener.unregister();
            } catch (IllegalStateException stopped) {
                // the framework is stopping (Ctrl-C)
            }
        }
    }

    /** --device, or the only device there is, waiting a little for devices to appear. */
    private DeviceStatus device(SessionService sessions, TimeDriver time) throws CommandException,
            InterruptedException {
        Optional<String> wanted = invocation.args().value("device");
        long deadline = System.nanoTime() + APPEAR.toNanos();
        while (true) {
            List<DeviceStatus> devices = sessions.devices();
            if (wanted.isPresent()) {
                Optional<DeviceStatus> device = sessions.device(wanted.get());
                if (device.isPresent()) {
                    return device.get();
                }
            } else if (devices.size() == 1) {
                return devices.get(0);
            } else if (devices.size() > 1) {
                throw CommandException.usage("session: several devices (" + ids(devices)
                        + "): choose one with --device");
            }
            if (System.nanoTime() - deadline >= 0) {
                if (wanted.isPresent()) {
                    throw CommandException.usage("session: no device '" + wanted.get() + "' (devices: "
                            + (devices.isEmpty() ? "none" : ids(devices)) + ")"
                            + Suggest.didYouMean(wanted.get(), devices.stream().map(DeviceStatus::id).toList(), ""));
                }
                throw CommandException.failure("session: no device appeared within " + APPEAR.toSeconds()
                        + " s (feature " + runtime.feature().name() + ")");
            }
            time.idle();
        }
    }

    private static String ids(List<DeviceStatus> devices) {
        return String.join(", ", devices.stream().map(DeviceStatus::id).toList());
    }

    /** The device's simulated clock, a service of the simulator; waits only when one is required. */
    private List<VirtualTimebase> awaitVirtualTimebase(String deviceId, Duration timeout, TimeDriver time)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<VirtualTimebase> found = virtualTimebases(deviceId);
            if (!found.isEmpty() || System.nanoTime() - deadline >= 0) {
                return found;
            }
            time.idle();
        }
    }

    /** Virtual timebases registered by simulated devices: of one device, or of all when null. */
    private List<VirtualTimebase> virtualTimebases(String deviceId) {
        String filter = "(&(bootctl.time=virtual)" + (deviceId == null ? "" : "(bootctl.device.id="
                + escape(deviceId) + ")") + ")";
        try {
            List<VirtualTimebase> found = new ArrayList<>();
            for (ServiceReference<Timebase> reference : runtime.context().getServiceReferences(Timebase.class, filter)) {
                Timebase timebase = timebases.computeIfAbsent(reference, r -> runtime.context().getService(r));
                if (timebase instanceof VirtualTimebase virtual) {
                    found.add(virtual);
                }
            }
            return found;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    private SessionInfo start(SessionService sessions, DeviceStatus device, TimeDriver time,
                              TelemetryPeaks peaks) throws CommandException, InterruptedException {
        String deviceId = device.id();
        SessionInfo info;
        if (programFile.isPresent()) {
            Program program = loadProgram(programFile.get());
            info = pumping(() -> sessions.start(deviceId, program, settings), time);
        } else {
            awaitProgram(sessions, time);
            info = pumping(() -> sessions.start(deviceId, programArgument, settings), time);
        }
        peaks.follow(info.id());
        return info;
    }

    private Program loadProgram(Path file) throws CommandException, InterruptedException {
        ProgramLibrary library = runtime.awaitService(ProgramLibrary.class, null, APPEAR)
                .orElseThrow(() -> CommandException.failure("feature " + runtime.feature().name()
                        + " has no program library to read " + PathNames.show(file)
                        + " (is org.bootctl.programs in it?)"));
        try {
            return library.load(file);
        } catch (ProgramFormatException e) {
            List<ValidationError> errors = e.errors();
            for (ValidationError error : errors.subList(0, Math.max(0, errors.size() - 1))) {
                invocation.err().println("bootctl: " + ConsoleText.line(PathNames.show(file) + ": " + error));
            }
            throw CommandException.usage(errors.isEmpty() ? e.getMessage()
                    : PathNames.show(file) + ": " + errors.get(errors.size() - 1));
        } catch (IOException e) {
            throw CommandException.usage("cannot read program file " + PathNames.show(file) + ": " + e.getMessage());
        }
    }

    /**
     * Programs register as services a moment after their bundle starts; a file of the programs
     * folder that the library lists as invalid is refused with its first error as soon as it shows.
     */
    private void awaitProgram(SessionService sessions, TimeDriver time) throws CommandException,
            InterruptedException {
        long deadline = System.nanoTime() + APPEAR.toNanos();
        while (true) {
            List<String> ids = sessions.programs().stream().map(ProgramInfo::id).toList();
            if (ids.contains(programArgument)) {
                return;
            }
            Optional<ProgramLibrary> library = runtime.service(ProgramLibrary.class, null);
            if (library.isPresent()) {
                ProgramLibraries.refuseInvalid(library.get(), programArgument, "session");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw CommandException.usage("session: unknown program '" + programArgument + "' (programs: "
                        + (ids.isEmpty() ? "none" : String.join(", ", ids.stream().sorted().toList())) + ")"
                        + Suggest.didYouMean(programArgument, ids, ""));
            }
            time.idle();
        }
    }

    /**
     * Calls the session service on a thread of its own while this one lets time pass: on a
     * simulated clock, a request the engine carries out on the device's loop needs the pump.
     */
    private SessionInfo pumping(SessionCall call, TimeDriver time) throws CommandException, InterruptedException {
        CompletableFuture<SessionInfo> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "bootctl-session-start");
        caller.setDaemon(true);
        caller.start();
        while (!result.isDone()) {
            time.idle();
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SessionException refused) {
                throw switch (refused.reason()) {
                    case NOT_FOUND, REFUSED -> CommandException.usage("session: " + refused.getMessage());
                    case CONFLICT -> CommandException.failure("session: " + refused.getMessage());
                };
            }
            if (cause instanceof IllegalArgumentException invalid) {
                throw CommandException.usage("session: " + invalid.getMessage());
            }
            throw CommandException.failure("session: the engine could not start it: " + cause);
        }
    }

    /**
     * Ctrl-C or SIGTERM: the session stops (every zone vents) and ends as any stopped session does,
     * with the summary. Runs on the signal's thread; the follow loop keeps pumping the clock.
     */
    private void stopOnSignal(SessionService sessions, String id) {
        invocation.err().println();
        invocation.err().println("bootctl: stopping session " + id + " (every zone vents); a second Ctrl-C quits at once");
        try {
            sessions.stop(id);
        } catch (SessionException | RuntimeException e) {
            // it ended by itself meanwhile: the summary tells how
        }
    }

    /** Lets the session run to its end, updating the progress line between slices of time. */
    private SessionInfo follow(SessionService sessions, SessionInfo started, TimeDriver time, TelemetryPeaks peaks)
            throws CommandException, InterruptedException {
        String id = started.id();
        ProgressLine line = new ProgressLine(invocation.out(), invocation.terminal(), System::nanoTime);
        long giveUp = time.nanoTime() + settings.durationMs() * 1_000_000L + VIRTUAL_GRACE_NANOS;
        SessionInfo current = started;
        SessionState shownState = null;
        while (true) {
            boolean important = current.state() != shownState;
            shownState = current.state();
            line.show(SessionReport.progress(current, peaks.highest()), important);
            if (current.state().isFinal()) {
                break;
            }
            time.slice(() -> sessions.session(id).map(s -> s.state().isFinal()).orElse(true));
            current = sessions.session(id).orElseThrow(() -> CommandException.failure(
                    "session " + id + " is gone: the engine stopped"));
            // a person can Ctrl-C a real-time session; a simulated one that never ends must not spin forever
            if (time.simulated() && !current.state().isFinal() && time.nanoTime() - giveUp > 0) {
                line.end();
                throw CommandException.failure("session " + id + " did not end within its length and "
                        + Duration.ofNanos(VIRTUAL_GRACE_NANOS).toMinutes() + " min of simulated time");
            }
        }
        line.end();
        return current;
    }

    private int finish(SessionInfo ended, DeviceStatus device, TimeDriver time, TelemetryPeaks peaks)
            throws CommandException, InterruptedException {
        Optional<SessionHistory> history = runtime.service(SessionHistory.class, null);
        Optional<SessionRecord> record = Optional.empty();
        Optional<Path> trace = Optional.empty();
        if (history.isPresent()) {
            record = awaitRecord(history.get(), ended.id(), time);
            trace = awaitTrace(history.get(), ended, device.id(), time);
            if (record.isEmpty()) {
                // a full disk or a data folder that may not be written: the summary below is then all there is
                invocation.err().println("bootctl: session " + ended.id() + " is not in the history of "
                        + PathNames.show(invocation.dataFolder()) + ": its record could not be written (a full disk,"
                        + " a folder that may not be written? the engine's lines above say); keep this summary");
            }
        }
        Optional<String> traceArgument = invocation.args().value("trace");
        Path shownTrace = trace.orElse(null);
        String copyFailed = null;
        if (traceArgument.isPresent() && trace.isPresent()) {
            copyFailed = copyTrace(trace.get(), traceArgument.get());
            if (copyFailed == null) {
                shownTrace = Paths.get(traceArgument.get());
            }
        }
        SessionReport.summary(invocation.out(), ended, device.description(), record.orElse(null),
                peaks.perChannel(), shownTrace);
        if (copyFailed != null && ended.state() != SessionState.COMPLETED) {
            invocation.err().println("bootctl: " + copyFailed); // the line below says how the session ended
        }
        return switch (ended.state()) {
            case COMPLETED -> {
                if (copyFailed != null) {
                    throw CommandException.failure(copyFailed);
                }
                if (traceArgument.isPresent() && trace.isEmpty()) {
                    throw CommandException.failure("the engine kept no trace of session " + ended.id()
                            + ", so there is nothing to write to " + traceArgument.get());
                }
                yield 0;
            }
            case FAULT -> throw CommandException.failure("session ended in FAULT: " + (ended.fault() != null
                    ? ended.fault().message() : ended.endReason()));
            default -> throw CommandException.failure("session " + ended.state() + ": " + ended.endReason());
        };
    }

    /**
     * Copies the session's trace to {@code --trace}'s file.
     *
     * @return null when copied; else why not, in words (checked before the session, yet the place
     *         went away or filled up: the summary still comes)
     */
    static String copyTrace(Path trace, String argument) {
        Path target = Paths.get(argument);
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(trace, target, StandardCopyOption.REPLACE_EXISTING);
            return null;
        } catch (IOException e) {
            return "cannot write the trace to " + argument + " (" + PathNames.why(e) + "); the session's trace is "
                    + PathNames.show(trace);
        }
    }

    private static Optional<SessionRecord> awaitRecord(SessionHistory history, String id, TimeDriver time)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (true) {
            Optional<SessionRecord> record = history.recent(10).stream().filter(r -> r.id().equals(id)).findFirst();
            if (record.isPresent() || System.nanoTime() - deadline >= 0) {
                return record;
            }
            time.idle();
        }
    }

    /**
     * The session's trace once the engine has written it to the end: its last row carries the
     * final state, and after a fault or an emergency stop the vent that the engine traces on
     * (until every channel is under 5 mmHg, or 10 s; docs/TRACE.md) is in it too, unless the
     * device went away, which ends that trace early. The engine writes on a thread of its own, and
     * the final rows after the state turned final, so this lets time pass (pumps a simulated
     * clock) while it waits.
     */
    private Optional<Path> awaitTrace(SessionHistory history, SessionInfo ended, String deviceId, TimeDriver time)
            throws InterruptedException {
        String id = ended.id();
        boolean ventTraced = ended.state() == SessionState.FAULT || (ended.state() == SessionState.STOPPED
                && "emergency stop".equals(ended.endReason()));
        long deadline = System.nanoTime() + Duration.ofSeconds(ventTraced ? 15 : 5).toNanos();
        SessionService sessions = runtime.service(SessionService.class, null).orElse(null);
        TraceTail.Completion withVent = new TraceTail.Completion(ventTraced);
        TraceTail.Completion withoutVent = new TraceTail.Completion(false);
        while (true) {
            Optional<Path> trace = history.trace(id).filter(Files::isRegularFile);
            boolean deviceGone = sessions == null || sessions.device(deviceId).isEmpty();
            if (trace.isPresent() && (deviceGone ? withoutVent : withVent).reached(trace.get())) {
                return trace;
            }
            if (System.nanoTime() - deadline >= 0) {
                trace.ifPresent(t -> invocation.err().println("bootctl: the trace of session " + id
                        + " may be incomplete: its last row is not the session's end"));
                return trace;
            }
            if (ventTraced && time.simulated()) {
                time.slice(() -> false); // a second of the vent at a time: the boots are latched, nothing else runs
                Thread.sleep(2); // the recorder writes the rows on a real thread
            } else {
                time.idle();
            }
        }
    }

    @FunctionalInterface
    private interface SessionCall {
        SessionInfo call() throws SessionException;
    }
}
