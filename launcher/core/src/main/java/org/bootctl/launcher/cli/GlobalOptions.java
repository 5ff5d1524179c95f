package org.bootctl.launcher.cli;

import java.util.List;

/** The options every command takes, before or after the command's name. */
public final class GlobalOptions {

    public static final String DATA = "data";
    public static final String FEATURE = "feature";
    public static final String VAR = "var";
    public static final String HELP = "help";

    public static final String DEFAULT_DATA = "data";
    public static final String DEFAULT_FEATURE = "simulator";

    public static final List<OptionSpec> ALL = List.of(
            OptionSpec.value(DATA, "DIR", "where history, traces and user programs live (default ./" + DEFAULT_DATA
                    + "; run, session and hub make it when missing)"),
            OptionSpec.value(FEATURE, "F", "the feature to run: a name in the features folder, or a path to a .json"
                    + " file (default " + DEFAULT_FEATURE + ")"),
            OptionSpec.repeatable(VAR, "NAME=VALUE", "sets a variable the feature declares (repeatable)"),
            OptionSpec.flag(HELP, "explains the command and its options"));

    private GlobalOptions() {
    }
}
