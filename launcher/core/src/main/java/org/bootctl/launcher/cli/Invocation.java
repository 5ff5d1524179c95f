package org.bootctl.launcher.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.feature.Features;

/**
 * What a command runs with: its parsed arguments, where to print, the distribution, and the
 * global options made into things (the data folder, the feature with its variables).
 *
 * @param args         the parsed command line
 * @param out          standard output: results, progress, the ready line
 * @param err          standard error: warnings and errors
 * @param terminal     whether standard output is a terminal (progress may rewrite its line)
 * @param distribution the installation this runs from
 * @param commands     every command, for help
 */
public record Invocation(Args args, PrintStream out, PrintStream err, boolean terminal, Distribution distribution,
                         Commands commands) {

    /** {@code --data}, or ./data; made absolute (the framework property is an absolute path). */
    public Path dataFolder() {
        return Paths.get(args.value(GlobalOptions.DATA).orElse(GlobalOptions.DEFAULT_DATA)).toAbsolutePath().normalize();
    }

    /** The features folder of this installation. */
    public Features features() {
        return new Features(distribution.features());
    }

    /** The {@code --feature} (default simulator) with its variables set from {@code --var}. */
    public Feature feature() throws CommandException {
        return feature(Map.of());
    }

    /**
     * The {@code --feature} with variables set from {@code --var}, then from {@code more} (a
     * command's own options that stand for variables, e.g. {@code --model}).
     */
    public Feature feature(Map<String, String> more) throws CommandException {
        return feature(GlobalOptions.DEFAULT_FEATURE, more);
    }

    /**
     * The {@code --feature}, or {@code fallback} when none is given (a command with a feature of
     * its own, e.g. {@code emulate}), with variables set as {@link #feature(Map)} sets them.
     */
    public Feature feature(String fallback, Map<String, String> more) throws CommandException {
        return feature(fallback, more, Set.of());
    }

    /**
     * As {@link #feature(String, Map)}, leaving the {@code --var} values named in {@code elsewhere}
     * to a fragment that declares them (the fleet's: {@code bootctl run --fleet}).
     */
    public Feature feature(String fallback, Map<String, String> more, Set<String> elsewhere) throws CommandException {
        Path file = features().locate(args.value(GlobalOptions.FEATURE).orElse(fallback));
        Map<String, String> variables = new LinkedHashMap<>(variables());
        variables.keySet().removeAll(elsewhere);
        variables.putAll(more);
        return FeatureReader.read(file, variables);
    }

    /** Every {@code --var NAME=VALUE}, by name, in order. */
    public Map<String, String> variables() throws CommandException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String assignment : args.values(GlobalOptions.VAR)) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw CommandException.usage("--var takes NAME=VALUE, not '" + assignment + "'");
            }
            variables.put(assignment.substring(0, equals).trim(), assignment.substring(equals + 1));
        }
        return variables;
    }
}
