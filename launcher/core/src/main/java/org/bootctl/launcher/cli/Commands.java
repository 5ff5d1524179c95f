package org.bootctl.launcher.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bootctl.launcher.commands.HelpCommand;
import org.bootctl.launcher.commands.ProgramsCommand;
import org.bootctl.launcher.commands.RunCommand;
import org.bootctl.launcher.commands.SessionCommand;
import org.bootctl.launcher.commands.ValidateCommand;
import org.bootctl.launcher.fleet.FleetCommand;
import org.bootctl.launcher.hub.HubCommand;

/**
 * Every command of {@code bootctl}, in the order help lists them: the launcher's own, and the
 * tools (the bench, plot, emulate) that ship apart in the distribution's {@code tools/}. The
 * tools are read only when a name is not the launcher's own or when help lists every command, so
 * {@code bootctl run} never opens them.
 */
public final class Commands {

    /** The command {@code bootctl} runs without one. */
    public static final String DEFAULT = "run";
    /** The tools' names, for the error when tools/ is not there to hold them. */
    private static final Set<String> TOOLS = Set.of("plot", "bench", "emulate");

    private final List<Command> beforeTools;
    private final Path toolsFolder;
    private final List<Command> afterTools;
    private List<Command> tools;

    /**
     * @param beforeTools the launcher's commands help lists before the tools
     * @param toolsFolder the tools' jars ({@link ToolCommands})
     * @param afterTools  the launcher's commands help lists after them
     */
    public Commands(List<Command> beforeTools, Path toolsFolder, List<Command> afterTools) {
        this.beforeTools = List.copyOf(beforeTools);
        this.toolsFolder = toolsFolder;
        this.afterTools = List.copyOf(afterTools);
    }

    /** The commands of this release, with the tools in {@code toolsFolder}. A new command is one class, added here. */
    public static Commands standard(Path toolsFolder) {
        return new Commands(List.of(
                new RunCommand(),
                new SessionCommand(),
                new ProgramsCommand(),
                new ValidateCommand()),
                // plot; issue 5: emulate; issue 8: bench (tools/, in the tools' own order)
                toolsFolder,
                List.of(
                new FleetCommand(), // issue 16: the fleet
                new HubCommand(), // issue 17: the fleet hub
                new HelpCommand()));
    }

    /** Every command, the tools included: reads tools/. */
    public List<Command> all() {
        List<Command> all = new ArrayList<>(beforeTools);
        all.addAll(tools());
        all.addAll(afterTools);
        return all;
    }

    public Optional<Command> find(String name) {
        Optional<Command> own = builtIn(name);
        return own.isPresent() ? own : tools().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The command of that name, or a usage error saying a tool is not installed or suggesting the closest name. */
    public Command get(String name) throws CommandException {
        Optional<Command> command = find(name);
        if (command.isPresent()) {
            return command.get();
        }
        if (TOOLS.contains(name)) {
            throw CommandException.usage("the " + name + " command is not installed in this distribution: "
                    + (ToolCommands.installed(toolsFolder) ? "no jar in " + ToolCommands.FOLDER + "/ holds it"
                    : ToolCommands.FOLDER + "/ is missing"));
        }
        throw CommandException.usage("unknown command '" + name + "'"
                + Suggest.didYouMean(name, all().stream().map(Command::name).toList(), "")
                + "; see bootctl --help");
    }

    private Optional<Command> builtIn(String name) {
        return Stream.concat(beforeTools.stream(), afterTools.stream())
                .filter(c -> c.name().equals(name)).findFirst();
    }

    private List<Command> tools() {
        if (tools == null) {
            tools = ToolCommands.load(toolsFolder);
        }
        return tools;
    }
}
