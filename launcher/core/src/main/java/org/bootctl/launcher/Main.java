package org.bootctl.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.launcher.cli.ArgParser;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Commands;
import org.bootctl.launcher.cli.GlobalOptions;
import org.bootctl.launcher.cli.Help;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.cli.Suggest;
import org.bootctl.launcher.feature.Features;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl [--data DIR] [COMMAND] [OPTIONS]}: picks the command (run when none is
 * given, so run's own options work without its name), parses its options, runs it, and turns
 * every expected error into one line on stderr and an exit code: 0 success, 1 failure, 2 usage
 * or validation error. {@code --version} (or {@code -V}) prints the version, alone or among the global
 * options given before where a command would be ({@code bootctl --data DIR --version}).
 */
public final class Main {

    /** The options that print the version. */
    private static final Set<String> VERSION = Set.of("--version", "-V");

    private Main() {
    }

    public static void main(String[] args) {
        LogDefaults.apply();
        int code = run(Arrays.asList(args), System.out, System.err, System.console() != null, Distribution.current());
        System.out.flush();
        if (!OsgiRuntime.signalled()) { // System.exit would block while shutdown hooks run
            System.exit(code);
        }
    }

    /** The whole command line, in-process: what tests call. */
    public static int run(List<String> args, PrintStream out, PrintStream err, boolean terminal,
                          Distribution distribution) {
        Commands commands = Commands.standard(distribution.tools());
        try {
            List<String> leading = new ArrayList<>();
            Command runByDefault = commands.get(Commands.DEFAULT);
            int next = leadingGlobalOptions(args, leading, runByDefault);
            if (next == args.size() && leading.stream().anyMatch(VERSION::contains)) { // bootctl --data DIR --version
                out.println("bootctl " + Help.version());
                return 0;
            }
            boolean noCommand = next >= args.size() || args.get(next).startsWith("-");
            if (next == args.size() && (leading.contains("--help") || leading.contains("-h"))) {
                out.print(Help.overview(commands, new Features(distribution.features()).names()));
                return 0;
            }
            Command command = noCommand ? runByDefault : commands.get(args.get(next));
            List<String> rest = new ArrayList<>(leading);
            // without a command's name, everything from the first of run's own options is run's
            rest.addAll(args.subList(Math.min(noCommand ? next : next + 1, args.size()), args.size()));
            Args parsed = ArgParser.parse(command, rest);
            if (parsed.has(GlobalOptions.HELP)) {
                out.print(Help.command(command));
                return 0;
            }
            return command.execute(new Invocation(parsed, out, err, terminal, distribution, commands));
        } catch (CommandException e) {
            err.println("bootctl: " + ConsoleText.line(e.getMessage())); // one line, whatever it quotes
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandException.FAILURE;
        } catch (Exception | LinkageError e) {
            if (OsgiRuntime.signalled()) {
                return CommandException.FAILURE; // the framework went away under a command: Ctrl-C
            }
            err.println("bootctl: internal error: " + e);
            if (System.getenv("BOOTCTL_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("bootctl: (set BOOTCTL_DEBUG=1 for the stack trace)");
            }
            return CommandException.FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Collects the global options before the command's name ({@code bootctl --data DIR session}).
     *
     * @param runByDefault the default command: its options, too, may come first (bootctl --port N)
     * @return the index of the command's name; of the first of the default command's own options
     *         when one comes first; args.size() when there is none
     */
    private static int leadingGlobalOptions(List<String> args, List<String> leading, Command runByDefault)
            throws CommandException {
        Set<String> defaultOptions = new java.util.HashSet<>();
        runByDefault.options().forEach(o -> defaultOptions.add(o.name()));
        Map<String, OptionSpec> globals = new LinkedHashMap<>();
        GlobalOptions.ALL.forEach(o -> globals.put(o.name(), o));
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String argument = args.get(i);
            if (argument.equals("-h") || VERSION.contains(argument)) { // a command after --version refuses it
                leading.add(argument);
                i++;
                continue;
            }
            String name = argument.replaceFirst("^--?", "").split("=", 2)[0];
            OptionSpec spec = globals.get(name);
            if (spec == null && argument.startsWith("--") && defaultOptions.contains(name)) {
                return i;
            }
            if (spec == null || !argument.startsWith("--")) {
                throw CommandException.usage("unknown option " + argument + Suggest.didYouMean(name, globals.keySet(), "--")
                        + (Set.of("help", "h").contains(name) ? "" : "; options of a command other than "
                        + Commands.DEFAULT + " go after its name")
                        + "; see bootctl --help");
            }
            leading.add(argument);
            i++;
            if (spec.takesValue() && !argument.contains("=") && i < args.size()) {
                leading.add(args.get(i++));
            }
        }
        return i;
    }
}
