package org.bootctl.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.TelemetryListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The Gogo commands of scope {@code boot}. Thin: the help texts live here, the work in
 * {@link BootCommands} and {@link TelemetryWatch}. Output goes to {@code System.out}, which Gogo
 * routes to the console (or pipe) of the command that runs. With the engine gone the commands go too.
 */
@Component(service = BootShell.class, property = {
        "osgi.command.scope=boot",
        "osgi.command.function=devices",
        "osgi.command.function=programs",
        "osgi.command.function=start",
        "osgi.command.function=status",
        "osgi.command.function=pause",
        "osgi.command.function=resume",
        "osgi.command.function=stop",
        "osgi.command.function=estop",
        "osgi.command.function=clear",
        "osgi.command.function=history",
        "osgi.command.function=watch",
        "osgi.command.function=log",
        "osgi.command.function=boot"})
public class BootShell {

    private static final String SESSION_OR_DEVICE =
            "SESSION: a session id, or a device id for the session running on that device";

    /** What 'help boot' and the command 'boot' show: bootctl's own commands among Gogo's many. */
    static final String OVERVIEW = "bootctl's own commands (scope boot; 'help boot:NAME' explains one):\n"
            + "  boot:devices                      the connected devices, their state and latched fault\n"
            + "  boot:programs                     the programs that can be started\n"
            + "  boot:start [-l N | -p MMHG] [-m MIN] [-b Z,..] [--no-fit-check] [--no-ramp] [--client ID] DEVICE PROGRAM\n"
            + "                                    starts a session, e.g. boot:start -l 3 sim-1 sequential\n"
            + "  boot:status [SESSION]             every device's session, or one session in detail\n"
            + "  boot:pause SESSION                pauses (every zone vents), boot:resume SESSION goes on\n"
            + "  boot:stop SESSION                 stops a session (vents)\n"
            + "  boot:estop [DEVICE...]            EMERGENCY STOP of every device (or those named)\n"
            + "  boot:clear DEVICE                 clears a latched fault or emergency stop\n"
            + "  boot:history [N]                  the newest sessions\n"
            + "  boot:watch DEVICE                 live pressures until Ctrl-C\n"
            + "  boot:log [N]                      the last lines of the log (kept out of this console)\n"
            + "SESSION may be a device id: that device's session. Ctrl-D (or 'exit 0') stops bootctl.";

    private final SessionService sessions;
    private final SessionHistory history;
    private final TelemetryFeed feed;
    /**
     * The stop signal of each watch running now, so deactivation can end them as Ctrl-C does (not
     * by an interrupt, which closes Gogo's output channel when it lands during a write).
     */
    private final Set<CountDownLatch> watching = ConcurrentHashMap.newKeySet();
    /** The audit trail, when a unit has one: it may come and go at any time. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditLog audit;

    /** Where the log file is, as the launcher says (a framework or system property), or null. */
    private final Supplier<String> logFile;

    @Activate
    public BootShell(@Reference(name = "sessions") SessionService sessions,
                     @Reference(name = "history") SessionHistory history, BundleContext context) {
        this(sessions, history, listener -> register(context, listener), () -> context.getProperty(LogTail.PROPERTY));
    }

    BootShell(SessionService sessions, SessionHistory history, TelemetryFeed feed) {
        this(sessions, history, feed, () -> System.getProperty(LogTail.PROPERTY));
    }

    BootShell(SessionService sessions, SessionHistory history, TelemetryFeed feed, Supplier<String> logFile) {
        this.sessions = sessions;
        this.history = history;
        this.feed = feed;
        this.logFile = logFile;
    }

    @Deactivate
    void deactivate() {
        watching.forEach(CountDownLatch::countDown);
    }

    @Descriptor("lists the connected devices: id, model, zones, limbs, regulation (host or device), state, "
            + "current or last session, latched fault")
    public void devices() {
        commands().devices();
    }

    @Descriptor("lists the programs that can be started: id, name, version, the zone counts they support")
    public void programs() {
        commands().programs();
    }

    @Descriptor("starts a session on a device: the settings and the program's plan are checked against the "
            + "device's limits, then every zone is checked to hold air (unless --no-fit-check); prints the "
            + "session id and state, or why it was refused. The intensity must be chosen (--level or "
            + "--pressure); the length defaults to 20 minutes")
    public void start(
            @Descriptor("intensity level 1..7: the session cap in mmHg grows with it ('boot' shows the table)")
            @Parameter(names = {"-l", "--level"}, absentValue = "") String level,
            @Descriptor("an explicit session cap in mmHg, 10..120, instead of --level")
            @Parameter(names = {"-p", "--pressure"}, absentValue = "") String pressure,
            @Descriptor("session length in minutes, decimals allowed, up to 120; 0 runs until stopped "
                    + "(at most 4 h); default 20")
            @Parameter(names = {"-m", "--minutes"}, absentValue = "") String minutes,
            @Descriptor("zones that get +10 mmHg on top of the program (never above 120 mmHg), "
                    + "zone numbers separated by commas, e.g. 1,3")
            @Parameter(names = {"-b", "--boost"}, absentValue = "") String boost,
            @Descriptor("skip the check that every zone holds air before the program starts")
            @Parameter(names = {"--no-fit-check"}, presentValue = "true", absentValue = "false") boolean noFitCheck,
            @Descriptor("full intensity from the first cycle (default: first cycle at 70 %, second at 85 %)")
            @Parameter(names = {"--no-ramp"}, presentValue = "true", absentValue = "false") boolean noRamp,
            @Descriptor("an opaque client reference kept in the session's record, e.g. C-0042: letters, digits, "
                    + "'.', '_' or '-', up to 64; never a name (the clinic keeps the key to it)")
            @Parameter(names = {"--client"}, absentValue = "") String client,
            @Descriptor("DEVICE: the device id, e.g. sim-1 (see boot:devices)") String device,
            @Descriptor("PROGRAM: the program id, e.g. sequential (see boot:programs)") String program) {
        commands().start(device, program, new StartOptions(level, pressure, minutes, boost, noFitCheck, noRamp,
                client));
    }

    @Descriptor("without a device and a program: says what to give (nothing is started)")
    public void start() {
        commands().missingStart();
    }

    @Descriptor("with operands or options it cannot take: says what to give (nothing is started)")
    public void start(@Descriptor("WORD: as typed") String first, @Descriptor("WORDS: as typed") String... more) {
        List<String> words = new ArrayList<>(List.of(first));
        words.addAll(Arrays.asList(more));
        commands().missingStart(words);
    }

    @Descriptor("shows every device with its current or last session (state, cycle, step, elapsed and remaining "
            + "time, the end reason or latched fault); with SESSION, that session in detail: also its settings, "
            + "start, end and end reason")
    public void status(@Descriptor("SESSION: none for every device; a session id, or a device id for that device's "
            + "current or last session") String... session) {
        commands().status(session);
    }

    @Descriptor("pauses a session: vents every zone and keeps the remaining time")
    public void pause(@Descriptor(SESSION_OR_DEVICE) String... session) {
        commands().pause(session);
    }

    @Descriptor("resumes a paused session: its current cycle starts again")
    public void resume(@Descriptor(SESSION_OR_DEVICE) String... session) {
        commands().resume(session);
    }

    @Descriptor("stops a session: vents and ends it STOPPED (in an emergency use boot:estop)")
    public void stop(@Descriptor(SESSION_OR_DEVICE) String... session) {
        commands().stop(session);
    }

    @Descriptor("EMERGENCY STOP: every channel vents on the next tick, from any state; never refused. Without "
            + "DEVICE every device stops, else each one named. Sessions end STOPPED and each device stays "
            + "latched until cleared with boot:clear. A device id that is not connected stops every device instead")
    public void estop(@Descriptor("DEVICE: none for every device, or the device ids (see boot:devices)") String... device) {
        commands().estop(device);
    }

    @Descriptor("clears a device's latched fault or emergency stop so it can run again; refused, with the "
            + "reason, while the cause persists")
    public void clear(@Descriptor("DEVICE: the device id (see boot:devices)") String... device) {
        commands().clear(device);
    }

    @Descriptor("lists the newest N sessions (default 10): start, session id, device, program, final state, end reason")
    public void history(@Descriptor("N: how many sessions, from 1; none for 10") String... count) {
        commands().history(count);
    }

    @Descriptor("shows a device's live pressures, four lines a second: session time, state, cycle, step and "
            + "pressure/target in mmHg per channel; runs until Ctrl-C or until the device goes away")
    public void watch(CommandSession session, @Descriptor("DEVICE: the device id (see boot:devices)") String... device) {
        if (commands().takes(BootCommands.WATCH, device)) {
            watchDevice(session, device[0]);
        }
    }

    private void watchDevice(CommandSession session, String device) {
        // Gogo gives the session: its console, to flush each line to, and its terminal, to take Ctrl-C from
        CountDownLatch stop = new CountDownLatch(1);
        watching.add(stop);
        try (CtrlC taken = CtrlC.take(session, stop::countDown)) {
            new TelemetryWatch(sessions, feed, Pacer.every(TelemetryWatch.PERIOD, stop),
                    Printable.of(LiveOutput.of(System.out, session)))
                    .watch(device);
        } finally {
            watching.remove(stop);
        }
    }

    @Descriptor(OVERVIEW)
    public void boot() {
        PrintStream out = out();
        OVERVIEW.lines().forEach(out::println);
        out.println("intensity levels: " + Settings.levelTable());
    }

    @Descriptor("shows the last N lines of the log (default 20), where bootctl run --shell keeps what the libraries log")
    public void log(@Descriptor("N: how many lines, 1..1000; none for 20") String... lines) {
        if (commands().takes(BootCommands.LOG, lines)) {
            LogTail.print(logFile.get(), lines.length == 0 ? null : lines[0], out());
        }
    }

    private BootCommands commands() {
        return new BootCommands(sessions, history, this::record, out());
    }

    /** An event for the audit trail; without an audit log the commands work all the same. */
    private void record(AuditEvent event) {
        AuditLog log = audit;
        if (log != null) {
            log.record(event);
        }
    }

    /**
     * Gogo replaces System.out with a stream that writes to the running command's own output; names
     * and messages in it are printed as plain text.
     */
    private static PrintStream out() {
        return Printable.of(System.out);
    }

    /** A whiteboard listener for the length of one watch. */
    private static TelemetryFeed.Subscription register(BundleContext context, TelemetryListener listener) {
        ServiceRegistration<TelemetryListener> registration =
                context.registerService(TelemetryListener.class, listener, null);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped and the framework unregistered it already
            }
        };
    }
}
