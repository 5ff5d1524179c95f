package org.bootctl.launcher.cli;

import java.util.List;
import java.util.Optional;
import org.bootctl.launcher.commands.HelpCommand;
import org.bootctl.launcher.commands.PlotCommand;
import org.bootctl.launcher.commands.ProgramsCommand;
import org.bootctl.launcher.commands.RunCommand;
import org.bootctl.launcher.commands.SessionCommand;
import org.bootctl.launcher.commands.ValidateCommand;

/** Every command of {@code bootctl}, in the order help lists them. */
public record Commands(List<Command> all) {

    /** The command {@code bootctl} runs without one. */
    public static final String DEFAULT = "run";

    public Commands {
        all = List.copyOf(all);
    }

    /** The commands of this release. A new command is one class, added here. */
    public static Commands standard() {
        return new Commands(List.of(
                new RunCommand(),
                new SessionCommand(),
                new ProgramsCommand(),
                new ValidateCommand(),
                new PlotCommand(),
                // issue 5: emulate; issue 8: bench
                new org.bootctl.launcher.bench.BenchCommand(),
                new org.bootctl.launcher.commands.EmulateCommand(),
                // issue 16: the fleet
                new org.bootctl.launcher.fleet.FleetCommand(),
                new org.bootctl.launcher.hub.HubCommand(), // issue 17: the fleet hub
                new HelpCommand()));
    }

    public Optional<Command> find(String name) {
        return all.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The command of that name, or a usage error suggesting the closest one. */
    public Command get(String name) throws CommandException {
        return find(name).orElseThrow(() -> CommandException.usage("unknown command '" + name + "'"
                + Suggest.didYouMean(name, all.stream().map(Command::name).toList(), "")
                + "; see bootctl --help"));
    }
}
