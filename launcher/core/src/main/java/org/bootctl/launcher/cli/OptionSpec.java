package org.bootctl.launcher.cli;

/**
 * One {@code --name} option of a command.
 *
 * @param name       without the dashes, e.g. {@code level}
 * @param valueName  how help shows its value, e.g. {@code N}; null for a flag that takes none
 * @param help       one line for {@code bootctl COMMAND --help}, defaults included
 * @param repeatable whether it may be given more than once (values are kept in order)
 * @param required   whether the command cannot run without it
 */
public record OptionSpec(String name, String valueName, String help, boolean repeatable, boolean required) {

    /** An option without a value, e.g. {@code --no-ramp}. */
    public static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, null, help, false, false);
    }

    /** An option with one value, e.g. {@code --level N}. */
    public static OptionSpec value(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, help, false, false);
    }

    /** An option with one value that must be given, e.g. {@code --program ID}. */
    public static OptionSpec required(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, help, false, true);
    }

    /** An option that may be given several times, e.g. {@code --var NAME=VALUE}. */
    public static OptionSpec repeatable(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, help, true, false);
    }

    public boolean takesValue() {
        return valueName != null;
    }

    /** {@code --level N}, as usage lines show it. */
    public String synopsis() {
        return "--" + name + (takesValue() ? " " + valueName : "");
    }
}
