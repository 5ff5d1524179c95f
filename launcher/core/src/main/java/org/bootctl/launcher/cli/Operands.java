package org.bootctl.launcher.cli;

/**
 * The words a command takes after its name that are not options, e.g. {@code validate FILE...}.
 *
 * @param label how help shows them, e.g. {@code FILE...}
 * @param min   the fewest allowed
 * @param max   the most allowed ({@link Integer#MAX_VALUE} for any number)
 * @param help  one line for the command's help
 */
public record Operands(String label, int min, int max, String help) {

    /** A command that takes options only. */
    public static final Operands NONE = new Operands("", 0, 0, "");

    public static Operands one(String label, String help) {
        return new Operands(label, 1, 1, help);
    }

    public static Operands atLeastOne(String label, String help) {
        return new Operands(label, 1, Integer.MAX_VALUE, help);
    }

    public static Operands optional(String label, String help) {
        return new Operands(label, 0, 1, help);
    }
}
