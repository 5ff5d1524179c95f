package org.bootctl.launcher.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.bootctl.api.program.Settings;
import org.bootctl.launcher.OutputFolder;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.DataFolderLock;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl session}: runs one session headless and exits with its outcome. Starts the
 * feature without UI bundles in a framework of its own (so it runs beside {@code bootctl run}
 * on another data folder), shows one live progress line, then a summary. Exit 0 when the
 * session COMPLETED, 1 when it ended in FAULT or STOPPED, 2 for usage errors and refused settings.
 */
public final class SessionCommand implements Command {

    public static final int DEFAULT_LEVEL = 3;
    public static final double DEFAULT_MINUTES = 20;

    /** Variables of the simulator feature that options of this command set. */
    static final String MODEL_VARIABLE = "model";
    static final String FAULTS_VARIABLE = "sim-faults";
    static final String VIRTUAL_TIME_VARIABLE = "virtual-time";

    @Override
    public String name() {
        return "session";
    }

    @Override
    public String summary() {
        return "runs one session headless and exits: 0 completed, 1 fault or stopped, 2 refused";
    }

    @Override
    public String description() {
        return """
                Runs one session on one device and exits when it ends, with a live progress line and
                then a summary (state, end reason, cycles, peak pressure per zone, trace). Starts the
                feature without its UI bundles, in a framework of its own, so it can run beside
                'bootctl run' on another data folder (--data DIR): a folder another process runs
                sessions in is refused (exit 2), naming that process. Exit code: 0 when the session
                COMPLETED; 1 when it ended in FAULT or STOPPED (fit check included), with the fault
                on stderr; 2 for usage errors and settings or plans the engine refuses. Ctrl-C or
                SIGTERM stops the session: every zone vents, the summary follows (trace included) and
                the exit code is 1, as for any stopped session; a second Ctrl-C quits at once.
                Example: bootctl session --model RB2-L5 --program sequential --level 7 --minutes 5 --virtual-time --trace t.csv""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.required("program", "ID|FILE", "the program: an id (e.g. sequential) or a program .json file"),
                OptionSpec.value(ModelOption.NAME, "MODEL", "the simulated model, " + ModelOption.HELP
                        + " (default RB2-L5); with --feature rb2 or rb1, the model the unit on the port must be"),
                OptionSpec.value("level", "N", "intensity " + Settings.levelTable() + " (default "
                        + DEFAULT_LEVEL + ")"),
                OptionSpec.value("pressure", "MMHG", "an explicit pressure cap, 10..120 mmHg, instead of --level"),
                OptionSpec.value("minutes", "M", "session length, decimals allowed, up to 120; 0 runs until stopped"
                        + " (at most 4 h; not with --virtual-time) (default " + (int) DEFAULT_MINUTES + ")"),
                OptionSpec.repeatable("boost", "Z,...", "zones that get +10 mmHg (never above 120), e.g. 1,3"),
                OptionSpec.flag("no-fit-check", "skips the check that every zone holds air"),
                OptionSpec.flag("no-ramp", "starts at full pressure (no 70 %, 85 % first cycles)"),
                OptionSpec.value("client", "ID", "an opaque client reference kept in the session's record, e.g. C-0042:"
                        + " letters, digits, '.', '_' or '-', up to 64; never a name"),
                OptionSpec.flag("virtual-time", "runs on the simulator's clock, as fast as the CPU allows"
                        + " (simulator only)"),
                OptionSpec.value("trace", "FILE", "copies the session's pressure trace (CSV, docs/TRACE.md) to FILE"),
                OptionSpec.repeatable("sim-fault", "SPEC", "injects a simulator fault, e.g. leak:3, stuck-fill:2@30,"
                        + " stall@10 (repeatable; simulator only)"),
                OptionSpec.value("device", "ID", "the device to use; optional when there is only one"));
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        Args args = invocation.args();
        Settings settings = settings(args);
        String programArgument = args.value("program").orElseThrow();
        Optional<Path> programFile = programFile(name(), programArgument);
        if (args.has("trace")) {
            checkTraceTarget(args.value("trace").orElseThrow()); // before the session, not after it
            refuseProgramAsOutput(name(), programFile, Paths.get(args.value("trace").orElseThrow()), "--trace", "trace");
        }
        Feature feature = invocation.feature(simulatorVariables(invocation));
        try (DataFolderLock held = DataFolderLock.acquire(invocation.dataFolder(), "bootctl session"); // OPERATIONS.md
             OsgiRuntime runtime = Startup.headless(invocation, feature)) {
            ModelOption.of(args, name(), runtime); // the simulator waits for a model nobody describes: say so now
            return new HeadlessSession(invocation, runtime, settings, programArgument, programFile).run();
        }
    }

    /** The settings the options describe; values out of range are refused as Settings says. */
    static Settings settings(Args args) throws CommandException {
        OptionalInt level = args.integer("level");
        OptionalDouble pressure = args.number("pressure");
        if (level.isPresent() && pressure.isPresent()) {
            throw CommandException.usage("session: give --level or --pressure, not both");
        }
        if (level.isPresent() && (level.getAsInt() < 1 || level.getAsInt() > Settings.MAX_LEVEL)) {
            throw CommandException.usage("session: --level must be 1.." + Settings.MAX_LEVEL + ", not "
                    + args.value("level").orElse("").trim());
        }
        double minutes = args.number("minutes").orElse(DEFAULT_MINUTES);
        if (minutes == 0 && args.has("virtual-time")) {
            // a virtual clock runs as fast as it can: "until stopped" would be the 4-hour limit in seconds
            throw CommandException.usage("session: --minutes 0 runs until stopped, which needs a person to stop it:"
                    + " give a length with --virtual-time, e.g. --minutes 30");
        }
        try {
            return new Settings(pressure.isPresent() ? 0 : level.orElse(DEFAULT_LEVEL), pressure.orElse(0), minutes,
                    new LinkedHashSet<>(args.integers("boost")), !args.has("no-ramp"), !args.has("no-fit-check"))
                    .withClient(args.value("client").orElse(null));
        } catch (IllegalArgumentException e) {
            // Settings names its fields (minutes must be ...): here they are options
            String message = e.getMessage();
            boolean field = message.startsWith("minutes ") || message.startsWith("pressure ") || message.startsWith("level ")
                    || message.startsWith("client ");
            throw CommandException.usage("session: " + (field ? "--" : "") + message);
        }
    }

    /** A path when the argument names a .json file (which must exist); empty for a program id. */
    public static Optional<Path> programFile(String command, String argument) throws CommandException {
        if (argument.isBlank()) { // else it was looked for as a program id, for seconds, before the refusal
            throw CommandException.usage(command + ": the program is empty: give a program id (e.g. sequential) or a"
                    + " program .json file");
        }
        boolean path = argument.endsWith(".json") || argument.contains("/") || argument.contains("\\");
        Path file = Paths.get(argument);
        if (!path && !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            throw CommandException.usage(command + ": program file " + argument + " is a folder; a program is a .json file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) { // never opened: /dev/zero or a pipe would never end
            throw CommandException.usage(command + ": program file " + argument
                    + " is not a regular file (a device or a pipe?); a program is a .json file");
        }
        if (!Files.isRegularFile(file)) {
            throw CommandException.usage(command + ": program file " + argument + (Files.isSymbolicLink(file)
                    ? " is a link that leads to no file (a loop of links, or its target is gone)" : " does not exist"));
        }
        return Optional.of(file);
    }

    /**
     * Refuses an output that is the program file given on the line (by its own name, a link or
     * another path to it): the chart or the trace would replace the program, which is lost then.
     *
     * @param what what would be written there, e.g. {@code trace}
     */
    public static void refuseProgramAsOutput(String command, Optional<Path> programFile, Path output, String option,
                                             String what) throws CommandException {
        boolean same;
        try {
            same = programFile.isPresent() && Files.exists(output) && Files.isSameFile(programFile.get(), output);
        } catch (IOException | RuntimeException e) {
            same = false; // an output that cannot be looked at is not the program, which was just found
        }
        if (same) {
            throw CommandException.usage(command + ": " + option + " " + PathNames.show(output) + " is the program file"
                    + " itself; writing the " + what + " there would replace the program: give another file");
        }
    }

    /**
     * Refuses a --trace the copy at the session's end could not write (a folder, a parent that is a
     * file or cannot be made, a place this user may not write): found out only then, it would cost
     * the whole session's summary.
     */
    static void checkTraceTarget(String argument) throws CommandException {
        Path target = Paths.get(argument).toAbsolutePath();
        String problem;
        if (Files.isDirectory(target)) {
            problem = "it is a folder; give a file name, e.g. " + PathNames.show(target.resolve("trace.csv"));
        } else if (Files.exists(target) && !Files.isRegularFile(target)) {
            problem = "it is not a regular file (a device or a pipe?)";
        } else {
            // the copy replaces the file (deletes, then writes it): its folder must be writable, not only the file
            problem = OutputFolder.problem(target.getParent());
        }
        if (problem != null) {
            throw CommandException.usage("session: cannot write the trace to " + argument + ": " + problem);
        }
    }

    /**
     * --model, --sim-fault and --virtual-time as the feature's variables; a feature without them
     * has no simulated device.
     */
    private static Map<String, String> simulatorVariables(Invocation invocation) throws CommandException {
        Args args = invocation.args();
        Map<String, String> variables = new LinkedHashMap<>();
        ModelOption.requested(args).ifPresent(model -> variables.put(MODEL_VARIABLE, model));
        if (args.has("sim-fault")) {
            variables.put(FAULTS_VARIABLE, String.join(",", args.values("sim-fault")));
        }
        if (args.has("virtual-time")) {
            variables.put(VIRTUAL_TIME_VARIABLE, "true");
        }
        if (!variables.isEmpty()) {
            Feature plain = invocation.feature();
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                if (!plain.declares(variable.getKey())) {
                    String option = switch (variable.getKey()) {
                        case MODEL_VARIABLE -> "--model";
                        case FAULTS_VARIABLE -> "--sim-fault";
                        default -> "--virtual-time";
                    };
                    throw CommandException.usage(option + " needs the simulator; feature " + plain.name()
                            + " has no simulated device (it declares no variable \"" + variable.getKey() + "\")");
                }
            }
        }
        return variables;
    }
}
