package org.bootctl.launcher.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.DataFolderLock;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.OsgiRuntime;

/** Starting a feature for a command, and the verdict on whether it came up. */
public final class Startup {

    /** How long components get to come up; failures that waiting cannot mend end it sooner. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Startup() {
    }

    /**
     * Starts the feature without its UI bundles, for a command that runs and exits. Every
     * problem goes to stderr; the last one ends the command: exit 2 when a component that takes
     * the feature's configuration failed to activate (a bad variable, e.g. a mistyped
     * {@code --sim-fault}), exit 1 for anything else.
     */
    public static OsgiRuntime headless(Invocation invocation, Feature feature) throws CommandException,
            InterruptedException {
        return headless(invocation, feature, invocation.dataFolder());
    }

    private static OsgiRuntime headless(Invocation invocation, Feature feature, Path dataFolder)
            throws CommandException, InterruptedException {
        OsgiRuntime runtime = OsgiRuntime.start(feature, invocation.distribution(), dataFolder, true,
                dataFolder != null && DataFolderLock.heldHere(dataFolder));
        List<HealthProblem> problems;
        try {
            problems = runtime.health().await(TIMEOUT);
        } catch (InterruptedException e) {
            runtime.close();
            throw e;
        }
        if (problems.isEmpty()) {
            try {
                runtime.installDeployed(invocation.err());
            } catch (CommandException | InterruptedException | RuntimeException e) {
                runtime.close();
                throw e;
            }
            return runtime;
        }
        runtime.close();
        for (HealthProblem problem : problems.subList(0, problems.size() - 1)) {
            invocation.err().println("bootctl: " + problem.message());
        }
        boolean badConfiguration = problems.stream()
                .anyMatch(p -> p.kind() == HealthProblem.Kind.FAILED_ACTIVATION && p.configured());
        throw new CommandException(badConfiguration ? CommandException.USAGE : CommandException.FAILURE,
                problems.get(problems.size() - 1).message());
    }

    /**
     * Starts the feature for a command that only reads programs and models ({@code programs},
     * {@code validate}, {@code plot}), beside a controller that may hold the devices: as
     * {@link #headless}, but with none of the feature's configurations except the deploy guard's
     * ({@link #LISTING_CONFIGURATIONS}). No driver, of the feature or of {@code deploy/}, is
     * configured, so none opens a port (drivers connect only when configured with one,
     * docs/DRIVERS.md), and no simulated device is made; their model catalogues need no configuration.
     */
    public static OsgiRuntime listing(Invocation invocation, Feature feature) throws CommandException,
            InterruptedException {
        Feature listing = feature.onlyConfiguring(LISTING_CONFIGURATIONS);
        if (Files.isDirectory(invocation.dataFolder())) {
            return headless(invocation, listing);
        }
        // no data folder: no programs or bundles of the user's to read, and a command that only
        // reads leaves none behind (the library and the audit log make theirs in a throwaway one,
        // inside the framework's storage: gone with it, even when the command is killed)
        return headless(invocation, listing, null);
    }

    /** The configurations a listing command applies: the deploy guard's allow-list. */
    public static final java.util.Set<String> LISTING_CONFIGURATIONS = java.util.Set.of("org.bootctl.deploy");

    /**
     * {@code bootctl ready: feature simulator, 24 bundles active, http://127.0.0.1:8080/}: the system
     * bundle is not counted; the web UI's address when there is one.
     */
    public static String readyLine(OsgiRuntime runtime, Optional<String> url) {
        return "bootctl ready: feature " + runtime.feature().name() + ", " + runtime.activeBundles() + " bundles active"
                + url.map(u -> ", " + u).orElse("");
    }
}
