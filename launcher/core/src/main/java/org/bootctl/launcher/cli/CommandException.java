package org.bootctl.launcher.cli;

/**
 * Ends a command with an exit code and one line for the person at the terminal, never a
 * stack trace: 2 for a usage or validation error, 1 for a failure while running.
 */
public class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Bad input: an unknown name, a missing value, a setting that is refused. Exit code 2. */
    public static CommandException usage(String message) {
        return new CommandException(USAGE, message);
    }

    /** Something went wrong while running. Exit code 1. */
    public static CommandException failure(String message) {
        return new CommandException(FAILURE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
