package org.bootctl.launcher.commands;

import java.util.List;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.Help;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.Operands;
import org.bootctl.launcher.cli.OptionSpec;

/** {@code bootctl help [COMMAND]}: the same as {@code bootctl --help} and {@code bootctl COMMAND --help}. */
public final class HelpCommand implements Command {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "lists the commands, or explains one: bootctl help COMMAND";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Operands operands() {
        return Operands.optional("COMMAND", "the command to explain");
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        List<String> operands = invocation.args().operands();
        if (operands.isEmpty()) {
            invocation.out().print(Help.overview(invocation.commands(), invocation.features().names()));
        } else {
            invocation.out().print(Help.command(invocation.commands().get(operands.get(0))));
        }
        return 0;
    }
}
