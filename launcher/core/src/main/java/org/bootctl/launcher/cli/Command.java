package org.bootctl.launcher.cli;

import java.util.List;

/**
 * One command of {@code bootctl}: its name, help and options, and what it does. Add a new
 * command as one class implementing this, and list it in {@link Commands#standard}, or, for a tool
 * shipped in tools/, in its jar's {@code META-INF/services/org.bootctl.launcher.cli.Command}; parsing,
 * the global options ({@link GlobalOptions}), help, typo suggestions and exit codes come with it.
 *
 * <p>A command that needs the bundles starts them with
 * {@code Startup.headless(invocation, invocation.feature())} (UI bundles left out, a framework
 * storage of its own, exit 1 or 2 with the culprit named when something does not come up) and
 * then finds services typed: {@code runtime.awaitService(ProgramLibrary.class, null, timeout)}.
 * It ends with a {@link CommandException} for one line on stderr and its exit code.
 */
public interface Command {

    /** The word after {@code bootctl}, e.g. {@code session}. */
    String name();

    /** One line for {@code bootctl --help}. */
    String summary();

    /** The paragraph {@code bootctl NAME --help} starts with; the summary unless a command says more. */
    default String description() {
        return summary();
    }

    /** This command's own options; the global ones are added to every command. */
    List<OptionSpec> options();

    /** The words it takes besides options; none unless a command says so. */
    default Operands operands() {
        return Operands.NONE;
    }

    /**
     * Does the work.
     *
     * @return the exit code: 0 for success
     * @throws CommandException to end with its exit code and one line on stderr
     */
    int execute(Invocation invocation) throws Exception;
}
