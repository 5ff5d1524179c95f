package org.bootctl.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a command's arguments against its option specs and the global ones: {@code --name value},
 * {@code --name=value}, flags, {@code -h}, and {@code --} before operands that start with a dash.
 */
public final class ArgParser {

    private ArgParser() {
    }

    public static Args parse(Command command, List<String> arguments) throws CommandException {
        Map<String, OptionSpec> specs = specs(command);
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (optionsEnded || !argument.startsWith("-") || argument.equals("-")) {
                operands.add(argument);
                continue;
            }
            if (argument.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (argument.equals("-h")) {
                argument = "--help";
            }
            if (!argument.startsWith("--")) {
                throw unknown(command, argument, specs);
            }
            int equals = argument.indexOf('=');
            String name = argument.substring(2, equals < 0 ? argument.length() : equals);
            OptionSpec spec = specs.get(name);
            if (spec == null) {
                throw unknown(command, "--" + name, specs);
            }
            String value = null;
            if (spec.takesValue()) {
                if (equals >= 0) {
                    value = argument.substring(equals + 1);
                } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                    value = arguments.get(++i);
                } else {
                    throw CommandException.usage(command.name() + ": option " + spec.synopsis() + " needs a value"
                            + seeHelp(command));
                }
            } else if (equals >= 0) {
                throw CommandException.usage(command.name() + ": option --" + name + " takes no value" + seeHelp(command));
            }
            if (name.equals(GlobalOptions.DATA) && value.isBlank()) { // else the current folder would become the data folder
                throw CommandException.usage(command.name() + ": option " + spec.synopsis() + " needs a folder, not an"
                        + " empty value" + seeHelp(command));
            }
            List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
            if (!list.isEmpty() && !spec.repeatable()) {
                throw CommandException.usage(command.name() + ": option --" + name + " is given twice" + seeHelp(command));
            }
            if (value != null) {
                list.add(value);
            }
        }
        if (values.containsKey(GlobalOptions.HELP)) {
            return new Args(values, operands); // help wins over everything else that may be missing
        }
        for (OptionSpec spec : command.options()) {
            if (spec.required() && !values.containsKey(spec.name())) {
                throw CommandException.usage(command.name() + ": missing " + spec.synopsis() + seeHelp(command));
            }
        }
        Operands expected = command.operands();
        if (operands.size() > expected.max()) {
            String extra = operands.get(expected.max());
            throw CommandException.usage(command.name() + ": unexpected argument '" + extra + "'" + seeHelp(command));
        }
        if (operands.size() < expected.min()) {
            throw CommandException.usage(command.name() + ": missing " + expected.label() + seeHelp(command));
        }
        return new Args(values, operands);
    }

    /** The command's own options, then the global ones. */
    public static Map<String, OptionSpec> specs(Command command) {
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        command.options().forEach(spec -> specs.put(spec.name(), spec));
        GlobalOptions.ALL.forEach(spec -> specs.putIfAbsent(spec.name(), spec));
        return specs;
    }

    private static CommandException unknown(Command command, String option, Map<String, OptionSpec> specs) {
        String name = option.replaceFirst("^-+", "");
        return CommandException.usage(command.name() + ": unknown option " + option
                + Suggest.didYouMean(name, specs.keySet(), "--") + seeHelp(command));
    }

    static String seeHelp(Command command) {
        return "; see bootctl " + command.name() + " --help";
    }
}
