package org.bootctl.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** What one command line said: option values by name (flags have none) and operands, in order. */
public final class Args {

    private final Map<String, List<String>> options;
    private final List<String> operands;

    Args(Map<String, List<String>> options, List<String> operands) {
        this.options = new LinkedHashMap<>(options);
        this.operands = List.copyOf(operands);
    }

    /** Built from known values, for tests and for commands calling commands. */
    public static Args of(Map<String, List<String>> options, List<String> operands) {
        return new Args(options, operands);
    }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** The value of a single-valued option. */
    public Optional<String> value(String option) {
        List<String> values = options.get(option);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** Every value of a repeatable option, in the order given. */
    public List<String> values(String option) {
        return List.copyOf(options.getOrDefault(option, List.of()));
    }

    public List<String> operands() {
        return operands;
    }

    /** A whole number, or a usage error naming the option. */
    public OptionalInt integer(String option) throws CommandException {
        Optional<String> value = value(option);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.get().trim()));
        } catch (NumberFormatException e) {
            throw CommandException.usage("--" + option + " takes a whole number, not '" + value.get() + "'");
        }
    }

    /** A number (decimals allowed), or a usage error naming the option. */
    public OptionalDouble number(String option) throws CommandException {
        Optional<String> value = value(option);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double number = Double.parseDouble(value.get().trim());
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return OptionalDouble.of(number);
        } catch (NumberFormatException e) {
            throw CommandException.usage("--" + option + " takes a number, not '" + value.get() + "'");
        }
    }

    /** A comma-separated list of whole numbers, e.g. {@code --boost 1,3}; empty when not given. */
    public List<Integer> integers(String option) throws CommandException {
        List<Integer> numbers = new ArrayList<>();
        for (String value : values(option)) {
            for (String part : value.split(",")) {
                try {
                    numbers.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw CommandException.usage("--" + option + " takes whole numbers separated by commas, not '"
                            + value + "'");
                }
            }
        }
        return numbers;
    }
}
