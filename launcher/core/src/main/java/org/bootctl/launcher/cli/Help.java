package org.bootctl.launcher.cli;

import java.util.ArrayList;
import java.util.List;

/** The texts of {@code bootctl --help} and {@code bootctl COMMAND --help}. */
public final class Help {

    private Help() {
    }

    /** Every command with its one-line summary, and the global options. */
    public static String overview(Commands commands, List<String> features) {
        StringBuilder text = new StringBuilder();
        text.append("bootctl ").append(version())
                .append(": the controller for sequential pneumatic compression boots\n\n");
        text.append("usage: bootctl [--data DIR] [COMMAND] [OPTIONS]\n");
        text.append("       (without a command: bootctl run, e.g. bootctl --port 8081)\n");
        text.append("       bootctl --version (or -V): prints the version\n\n");
        text.append("commands:\n");
        int width = commands.all().stream().mapToInt(c -> c.name().length()).max().orElse(0) + 2;
        for (Command command : commands.all()) {
            text.append("  ").append(pad(command.name(), width)).append(command.summary()).append('\n');
        }
        text.append("\noptions of every command:\n");
        table(text, GlobalOptions.ALL);
        text.append("\nfeatures: ").append(features.isEmpty() ? "none" : String.join(", ", features)).append('\n');
        text.append("Run 'bootctl COMMAND --help' for a command's options.\n");
        return text.toString();
    }

    /** A command's usage line, description, operands and every option it takes. */
    public static String command(Command command) {
        StringBuilder text = new StringBuilder();
        text.append("usage: ").append(synopsis(command)).append("\n\n");
        text.append(command.description()).append("\n");
        Operands operands = command.operands();
        if (operands.max() > 0) {
            text.append("\narguments:\n  ").append(pad(operands.label(), 22)).append(operands.help()).append('\n');
        }
        if (!command.options().isEmpty()) {
            text.append("\noptions:\n");
            table(text, command.options());
        }
        text.append("\noptions of every command:\n");
        table(text, GlobalOptions.ALL);
        return text.toString();
    }

    /** {@code bootctl session --program ID [options]}: required operands shown, options summed up. */
    static String synopsis(Command command) {
        List<String> parts = new ArrayList<>();
        parts.add("bootctl " + command.name());
        Operands operands = command.operands();
        if (operands.max() > 0) {
            parts.add(operands.min() == 0 ? "[" + operands.label() + "]" : operands.label());
        }
        command.options().stream().filter(OptionSpec::required).forEach(o -> parts.add(o.synopsis()));
        parts.add("[OPTIONS]");
        return String.join(" ", parts);
    }

    private static void table(StringBuilder text, List<OptionSpec> options) {
        for (OptionSpec option : options) {
            String synopsis = option.synopsis();
            text.append("  ").append(pad(synopsis, 22));
            if (synopsis.length() >= 22) {
                text.append("\n  ").append(" ".repeat(22));
            }
            text.append(option.help()).append('\n');
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    /** The version the launcher jar's manifest names, or "dev" when run from classes. */
    public static String version() {
        String version = Help.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
