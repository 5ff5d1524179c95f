package org.bootctl.tools.emulate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.Operands;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.cli.Suggest;
import org.bootctl.launcher.commands.SignalStop;
import org.bootctl.launcher.commands.Startup;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;

/**
 * {@code bootctl emulate MODEL --port PATH}: a stand-in boot unit on a serial port, until
 * Ctrl-C or SIGTERM. Runs the feature of the model's emulator (emulator-rb2 or emulator-rb1: the
 * simulator's physics behind the emulator bundle's firmware, no engine), says so in one
 * line once the emulator holds the port, and tells when it loses the port and gets it back.
 */
public final class EmulateCommand implements Command {

    /** How long the emulator gets to open its port once everything is up. */
    static final Duration ON_PORT_TIMEOUT = Duration.ofSeconds(5);
    private static final long WATCH_MILLIS = 200;

    /**
     * The fault specs of the RB2 emulator, as its EmulatorFault.knownKinds() gives them (the
     * bundle's classes are private to it; a test keeps this copy true).
     */
    static final List<String> RB2_FAULTS = List.of("garbage[:BYTES]@S[/P]", "corrupt-crc[:N]@S[/P]",
            "corrupt-frame[:N]@S[/P]", "overpressure:Z@S[+D]", "silence@S[+D]", "unplug@S[+D]", "reset@S[/P]",
            "pressurised[:MMHG]", "faulted[:CODE[:Z]]");
    /** The fault specs of the RB1 emulator, as its EmulatorFault.grammar() gives them. */
    static final List<String> RB1_FAULTS = List.of("garbage[:BYTES]@S[/P]", "bad-checksum@S[/P][+D]",
            "overpressure:Z@S[+D]", "silence@S[+D]", "unplug@S[+D]", "reset@S[/P]", "pressurised[:MMHG]",
            "faulted[:CODE]");

    /** The emulators there are: the feature that runs one, and how it talks. */
    enum Emulator {
        RB2("emulator-rb2", "BCP/2, 115200 baud"),
        RB1("emulator-rb1", "RB1 line protocol, 38400 baud");

        final String feature;
        final String line;

        Emulator(String feature, String line) {
            this.feature = feature;
            this.line = line;
        }

        /** Host-regulated models speak BCP/2; device-regulated ones with one pressure per zone, the RB1 lines. */
        static Optional<Emulator> of(ModelSpec model) {
            if (model.regulation() == RegulationMode.HOST) {
                return Optional.of(RB2);
            }
            return model.pressurePerLimb() ? Optional.empty() : Optional.of(RB1);
        }
    }

    @Override
    public String name() {
        return "emulate";
    }

    @Override
    public String summary() {
        return "runs a stand-in boot unit on a serial port (e.g. one end of a socat pair) until Ctrl-C";
    }

    @Override
    public String description() {
        return """
                Runs a stand-in for a boot unit on the device's end of a serial line until Ctrl-C or
                SIGTERM: the unit's firmware (watchdog, hard limit, fault latch, reset) on the simulator's
                physics, for development, demos and tests. RB2 models speak BCP/2 (115200 baud), RB1-L4
                the RB1 line protocol (38400 baud). It runs the feature emulator-rb2 or emulator-rb1 (no
                engine in it) unless --feature names another. It prints one line once it is on the port,
                and the faults as they fire (on stderr). Without hardware, make a pair of pseudo-terminals
                with socat and give the controller the other end:
                  socat -d -d pty,raw,echo=0,link=/tmp/a pty,raw,echo=0,link=/tmp/b
                  bootctl emulate RB2-L5 --port /tmp/a
                  bootctl session --feature rb2 --var port=/tmp/b --program sequential --level 5 --minutes 1
                Faults (--fault SPEC, repeatable): @S seconds after the start, /P again every P seconds,
                +D lasting D seconds; Z is a zone number (RB2: also a channel such as R3, or ch7);
                e.g. --fault overpressure:3@20 latches an over-pressure in zone 3 twenty seconds in.
                """ + "  RB2 models: " + wrap(RB2_FAULTS, 14) + "\n  RB1-L4:     " + wrap(RB1_FAULTS, 14) + "\n" + """
                Exit code: 0 after Ctrl-C or SIGTERM; 2 for an unknown model, a missing or unusable port
                or a bad fault; 1 when the emulator cannot open the port.""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.required("port", "PATH", "the device's end of the line: a serial port, or one end of a"
                        + " socat pair"),
                OptionSpec.repeatable("fault", "SPEC", "injects a fault of the unit, e.g. garbage@5/10, reset@60,"
                        + " overpressure:3@20 (repeatable; every kind is listed above)"),
                OptionSpec.repeatable("sim-fault", "SPEC", "injects a fault of the simulated physics behind it,"
                        + " e.g. leak:3 (repeatable)"));
    }

    @Override
    public Operands operands() {
        return Operands.one("MODEL", "the model to stand in for: " + modelNames());
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        Args args = invocation.args();
        ModelSpec model = model(args.operands().get(0));
        Emulator emulator = Emulator.of(model).orElseThrow(() -> CommandException.usage(
                "emulate: there is no emulator for " + model.model()));
        String portArgument = args.value("port").orElseThrow();
        Path port = usablePort(portArgument);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("port", portArgument);
        variables.put("model", model.model());
        List<String> faults = args.values("fault");
        if (!faults.isEmpty()) {
            variables.put("faults", String.join(",", faults));
        }
        if (args.has("sim-fault")) {
            variables.put("sim-faults", String.join(",", args.values("sim-fault")));
        }
        Feature feature = invocation.feature(emulator.feature, variables);
        try (OsgiRuntime runtime = Startup.headless(invocation, feature);
             // the first Ctrl-C or SIGTERM stops the framework, not the JVM, whose exit code would be 130 or 143
             SignalStop signal = new SignalStop(() -> stopFramework(runtime))) {
            runtime.afterSignalStop(() -> invocation.out().println("bootctl emulate: stopped"));
            if (!awaitOnPort(runtime, port)) {
                if (stopped(runtime)) {
                    said(signal, invocation);
                    return 0; // Ctrl-C before it got there
                }
                throw CommandException.failure("emulate: the emulator did not get " + portArgument + " open within "
                        + ON_PORT_TIMEOUT.toSeconds() + " s: is another program using it (an emulator already)?");
            }
            invocation.out().println("bootctl emulate: " + model.model() + " on " + portArgument + " (" + emulator.line
                    + ")" + (faults.isEmpty() ? "" : ", faults " + String.join(", ", faults)) + "; Ctrl-C to stop");
            invocation.out().flush();
            watch(runtime, port, portArgument, invocation);
            said(signal, invocation);
        }
        return 0;
    }

    /** The line a stop by Ctrl-C or SIGTERM ends with (the shutdown hook's, where no handler took the signal). */
    private static void said(SignalStop signal, Invocation invocation) {
        if (signal.requested()) {
            invocation.out().println("bootctl emulate: stopped");
        }
    }

    /** On the signal's thread: the framework stops on a thread of its own; {@link #watch} then returns. */
    private static void stopFramework(OsgiRuntime runtime) {
        try {
            runtime.framework().stop();
        } catch (BundleException | RuntimeException e) {
            System.err.println("bootctl: emulate: the framework did not stop: " + e.getMessage());
        }
    }

    private static ModelSpec model(String name) throws CommandException {
        return Models.find(name).orElseThrow(() -> CommandException.usage("emulate: unknown model '" + name
                + "' (models: " + modelNames() + ")"
                + Suggest.didYouMean(name, Models.all().stream().map(ModelSpec::model).toList(), "")));
    }

    /**
     * The port, when it can be one: there, not a folder or a regular file, and readable and
     * writable. Whether it opens, only trying tells: {@link #awaitOnPort} watches for that.
     */
    static Path usablePort(String argument) throws CommandException {
        Path path = Paths.get(argument);
        if (!Files.exists(path)) {
            throw CommandException.usage("emulate: no port " + argument + ": give a serial port, or make a pair of"
                    + " pseudo-terminals first, e.g. socat -d -d pty,raw,echo=0,link=" + argument
                    + " pty,raw,echo=0,link=OTHER (the controller then takes --var port=OTHER)");
        }
        if (Files.isDirectory(path) || Files.isRegularFile(path)) {
            throw CommandException.usage("emulate: " + argument + " is " + (Files.isDirectory(path) ? "a folder"
                    : "a regular file") + ", not a serial port");
        }
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            throw CommandException.failure("emulate: no permission to read and write " + argument
                    + " (on Linux, members of the group dialout usually have it)");
        }
        return path;
    }

    /** Waits until this process holds the port, the time is up, or the framework stops; true when held. */
    private static boolean awaitOnPort(OsgiRuntime runtime, Path port) throws InterruptedException {
        long deadline = System.nanoTime() + ON_PORT_TIMEOUT.toNanos();
        while (true) {
            Optional<Boolean> held = HeldPorts.held(port);
            if (held.isEmpty() || held.get()) {
                return !stopped(runtime); // where the system cannot tell, the health check's word is all there is
            }
            if (stopped(runtime) || System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    /** Until the framework stops: says when the emulator loses its port (the pair went away, an unplug) and is back. */
    private static void watch(OsgiRuntime runtime, Path port, String portArgument, Invocation invocation)
            throws InterruptedException {
        boolean on = true;
        while (runtime.framework().waitForStop(WATCH_MILLIS).getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            Optional<Boolean> held = HeldPorts.held(port);
            if (held.isPresent() && held.get() != on) {
                on = held.get();
                invocation.out().println(on ? "bootctl emulate: on " + portArgument + " again"
                        : "bootctl emulate: off " + portArgument + "; it opens the port again when it is back");
                invocation.out().flush();
            }
        }
    }

    private static boolean stopped(OsgiRuntime runtime) {
        return (runtime.framework().getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0;
    }

    private static String modelNames() {
        return String.join(", ", Models.all().stream().map(ModelSpec::model).toList());
    }

    /** Specs joined by commas, on lines of at most about 96 characters, continued at {@code indent}. */
    private static String wrap(List<String> specs, int indent) {
        StringBuilder text = new StringBuilder();
        int column = indent;
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i) + (i < specs.size() - 1 ? "," : "");
            if (column + spec.length() + 1 > 96 && column > indent) {
                text.append('\n').append(" ".repeat(indent));
                column = indent;
            } else if (i > 0) {
                text.append(' ');
                column++;
            }
            text.append(spec);
            column += spec.length();
        }
        return text.toString();
    }
}
