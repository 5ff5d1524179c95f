package org.bootctl.launcher.commands;

import java.util.List;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl run}: the controller itself. Starts every bundle of the feature, says
 * {@code bootctl ready: ...} once all is up (or names what is not, and runs on), and runs until
 * Ctrl-C or SIGTERM stops it cleanly.
 */
public final class RunCommand implements Command {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "runs the controller on a feature until Ctrl-C (the default command)";
    }

    @Override
    public String description() {
        return """
                Runs the controller: installs every bundle of the feature (default: simulator, one
                simulated RB2-L5 boot), applies its configurations, and prints one line when all is up:
                  bootctl ready: feature simulator, 6 bundles active
                (bundles in state ACTIVE, the OSGi system bundle not counted). A bundle or component that
                does not come up is named on stderr instead, and the controller runs on without it.
                Ctrl-C or SIGTERM stops every bundle cleanly: every device is vented first.""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        Feature feature = invocation.feature();
        try (OsgiRuntime runtime = OsgiRuntime.start(feature, invocation.distribution(), invocation.dataFolder(),
                false)) {
            runtime.afterSignalStop(() -> invocation.out().println("bootctl stopped"));
            List<HealthProblem> problems = runtime.health().await(Startup.TIMEOUT);
            if (problems.isEmpty()) {
                invocation.out().println(Startup.readyLine(runtime));
            } else {
                problems.forEach(p -> invocation.err().println("bootctl: " + p.message()));
                invocation.err().println("bootctl: not ready: feature " + feature.name() + " runs without what is "
                        + "named above (Ctrl-C to stop)");
            }
            invocation.out().flush();
            runtime.awaitStop();
        }
        return 0;
    }
}
