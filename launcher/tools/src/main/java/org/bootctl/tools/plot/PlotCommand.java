package org.bootctl.tools.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.Operands;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.commands.ModelOption;
import org.bootctl.launcher.commands.ProgramLibraries;
import org.bootctl.launcher.commands.SessionCommand;
import org.bootctl.launcher.commands.Startup;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl plot PROGRAM|FILE --model M}: compiles one cycle of a program for a model's
 * garment, as the engine would (Program.compile, no device needed), and writes it as an SVG chart.
 */
public final class PlotCommand implements Command {

    @Override
    public String name() {
        return "plot";
    }

    @Override
    public String summary() {
        return "draws one cycle of a program on a model as an SVG chart";
    }

    @Override
    public String description() {
        return """
                Compiles a program for a model's garment and level or pressure (full intensity: no ramp-in, no boost)
                and draws one cycle of the plan as an SVG chart for a browser: one lane per zone, zone 1
                (foot or hand) at the bottom, its target pressure in mmHg over the cycle, the session cap
                dashed. A plan says what each zone aims for, not how fast air moves, so time is nominal:
                fills drawn at %s mmHg/s, vents at once, holds at their length. The engine's own checks
                (headroom under the device's hard limit, fill time limits) run when a session starts.
                Writes PROGRAM-MODEL.svg in the current folder unless --out says where, and prints the path."""
                .formatted((int) PlanTimeline.FILL_MMHG_PER_S);
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.required(ModelOption.NAME, "M", "the garment: " + ModelOption.HELP),
                OptionSpec.value("level", "N", "intensity " + Settings.levelTable() + " (default "
                        + SessionCommand.DEFAULT_LEVEL + ")"),
                OptionSpec.value("pressure", "MMHG", "an explicit pressure cap, 10..120 mmHg, instead of --level"),
                OptionSpec.value("out", "FILE.svg", "where to write the chart (default PROGRAM-MODEL.svg here)"));
    }

    @Override
    public Operands operands() {
        return Operands.one("PROGRAM|FILE", "a program id (see bootctl programs) or a program .json file");
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        Settings settings = settings(invocation.args());
        if (invocation.args().value("out").filter(String::isBlank).isPresent()) { // else the folder here
            throw CommandException.usage(name() + ": --out needs a file name, e.g. chart.svg");
        }
        String argument = invocation.args().operands().get(0);
        Optional<Path> file = SessionCommand.programFile(name(), argument);
        String svg;
        ProgramInfo info;
        ModelDescription model;
        try (OsgiRuntime runtime = Startup.listing(invocation, invocation.feature())) {
            model = ModelOption.of(invocation.args(), name(), runtime).orElseThrow();
            Garment garment = ModelOption.garment(model);
            ProgramLibrary library = ProgramLibraries.await(runtime);
            Program program;
            if (file.isPresent()) {
                program = load(library, file.get());
            } else {
                ProgramLibraries.awaitScan(library, invocation.dataFolder().resolve(ProgramLibraries.FOLDER));
                program = ProgramLibraries.find(runtime, library, argument, name());
            }
            info = ProgramLibraries.describe(program, name());
            Plan plan = compile(program, info, garment, model, settings);
            svg = PlanSvg.render(plan, info, garment, model.model(), settings);
        }
        Path out = Paths.get(invocation.args().value("out").orElse(info.id() + "-" + model.model() + ".svg"));
        SessionCommand.refuseProgramAsOutput(name(), file, out, "--out", "chart");
        if (Files.isDirectory(out)) {
            throw CommandException.usage(name() + ": cannot write the chart to " + PathNames.show(out) + ": it is a"
                    + " folder; give a file name, e.g. " + PathNames.show(out.resolve("chart.svg")));
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CommandException.failure("plot: cannot write " + PathNames.show(out) + ": " + PathNames.why(e));
        }
        invocation.out().println(PathNames.show(out));
        return 0;
    }

    /** Full intensity at {@code --level} or {@code --pressure}, as {@code session} takes them. */
    private Settings settings(Args args) throws CommandException {
        OptionalInt level = args.integer("level");
        OptionalDouble pressure = args.number("pressure");
        if (level.isPresent() && pressure.isPresent()) {
            throw CommandException.usage(name() + ": give --level or --pressure, not both");
        }
        try {
            return new Settings(pressure.isPresent() ? 0 : level.orElse(SessionCommand.DEFAULT_LEVEL), pressure.orElse(0),
                    SessionCommand.DEFAULT_MINUTES, Set.of(), false, false);
        } catch (IllegalArgumentException e) {
            throw CommandException.usage(name() + ": " + e.getMessage());
        }
    }

    private Program load(ProgramLibrary library, Path file) throws CommandException {
        try {
            return library.load(file);
        } catch (ProgramFormatException e) {
            throw CommandException.usage(name() + ": " + PathNames.show(file) + " is not a valid program"
                    + (e.errors().isEmpty() ? ": " + e.getMessage() : ": " + e.errors().get(0)
                    + (e.errors().size() > 1 ? " (+" + (e.errors().size() - 1) + " more; bootctl validate shows all)" : "")));
        } catch (IOException e) {
            throw CommandException.usage(name() + ": cannot read " + PathNames.show(file) + ": " + e.getMessage());
        }
    }

    /** The most a program's compile may take here (the engine gives it 2 s; this is a person's tool on any machine). */
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(10);

    private Plan compile(Program program, ProgramInfo info, Garment garment, ModelDescription model, Settings settings)
            throws CommandException, InterruptedException {
        String what = name() + ": program '" + info.id() + "'";
        if (!info.supports(garment)) {
            throw CommandException.usage(what + " runs on " + info.zoneRange() + "; the " + model.model() + " has "
                    + garment.zones());
        }
        FutureTask<Plan> compiling = new FutureTask<>(() -> program.compile(garment, settings));
        Thread thread = new Thread(compiling, "bootctl-plot-compile");
        thread.setDaemon(true); // a compile that never returns keeps its thread, not the command
        thread.start();
        try {
            Plan plan;
            try {
                plan = compiling.get(COMPILE_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                compiling.cancel(true);
                throw CommandException.failure(what + " did not make a plan within " + COMPILE_LIMIT.toSeconds()
                        + " s (its compile does not return; a session refuses it too)");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof PlanException refused) {
                    throw refused;
                }
                throw CommandException.failure(what + " failed to make a plan: " + e.getCause());
            }
            if (plan == null || plan.zones() != garment.zones()) {
                throw CommandException.failure(what + " made " + (plan == null ? "no plan"
                        : "a plan for " + plan.zones() + " zones; the " + model.model() + " has " + garment.zones()));
            }
            return plan;
        } catch (PlanException e) {
            throw CommandException.usage(what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw CommandException.failure(what + " failed to make a plan: " + e);
        }
    }
}
