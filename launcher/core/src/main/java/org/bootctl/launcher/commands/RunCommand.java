package org.bootctl.launcher.commands;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.ClassArchive;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.HttpBinding;
import org.bootctl.launcher.runtime.WebWarmup;
import org.bootctl.launcher.runtime.DataFolderLock;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl run}: the controller itself. Starts every bundle of the feature, says
 * {@code bootctl ready: ...} with the web UI's address once all is up (or names what is not, and
 * runs on), and runs until Ctrl-C or SIGTERM stops it cleanly. Refuses to let the web UI be
 * reached from other machines without an access token. With {@code --shell}, the interactive
 * console follows the ready line.
 */
public final class RunCommand implements Command {

    /** Variables of a feature with the web UI that options of this command set. */
    static final String PORT_VARIABLE = "http-port";
    static final String BIND_VARIABLE = "http-bind";
    static final String TOKEN_VARIABLE = AccessToken.VARIABLE;
    /** How long the web server gets to say where it listens, once everything else is up. */
    static final Duration ENDPOINT_TIMEOUT = Duration.ofSeconds(10);

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
                  bootctl ready: feature simulator, N bundles active, http://127.0.0.1:8080/
                (N: the bundles in state ACTIVE, the OSGi system bundle not counted; then where the web
                UI is). While the data folder's deploy/ accepts any bundle, a warning line before it
                says how to restrict it. Its options may come first without its name: bootctl --port 8081.
                A bundle or component that does not come up is named on stderr instead, and the
                controller runs on without it. Ctrl-C or SIGTERM stops every bundle cleanly: every
                device is vented first; the exit code is then 130 (Ctrl-C) or 143 (SIGTERM), on the
                first run as on later ones.
                The web UI listens on this machine only (127.0.0.1) unless --bind says otherwise; any
                other address needs an access token, or run refuses to start (exit 2). A port in use
                ends it at once (exit 1).
                With --shell the Gogo console starts after the ready line (commands of scope boot:
                devices, programs, start, status, pause, resume, stop, estop, clear, history, watch, log;
                'help boot:start' explains one). In the console Ctrl-C interrupts the running command
                (e.g. boot:watch); Ctrl-D (or 'exit 0') ends the console and stops the controller with
                it, every device vented, as SIGTERM does.""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("port", "N", "the web UI's port (default 8080; 0 takes any free one)"),
                OptionSpec.value("bind", "ADDR", "the address the web UI listens on (default 127.0.0.1: this"
                        + " machine only); any other, e.g. 0.0.0.0, needs --token"),
                OptionSpec.value("token", "TOKEN", "the web UI's access token (or --var web-token=TOKEN; the"
                        + " environment's BOOTCTL_WEB_TOKEN or the feature file keep it out of the process"
                        + " list); other machines then need"
                        + " 'Authorization: Bearer TOKEN' to change anything"),
                OptionSpec.flag("shell", "the interactive console after the ready line (boot:* commands);"
                        + " Ctrl-D in it stops the controller"),
                org.bootctl.launcher.fleet.FleetOption.spec());
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        Feature feature = org.bootctl.launcher.fleet.FleetOption.feature(invocation, webVariables(invocation));
        HttpBinding http = HttpBinding.of(feature);
        boolean shell = invocation.args().has("shell");
        if (!http.loopback() && !http.hasToken()) {
            throw CommandException.usage("run: listening on " + (http.host().isEmpty() ? "every interface"
                    : http.host()) + " lets other machines reach the controller, so it needs an access token:"
                    + " give one with --token TOKEN, or keep to this machine with --bind 127.0.0.1");
        }
        if (shell && feature.consoleBundles().isEmpty()) {
            throw CommandException.usage("run: --shell needs a console: feature " + feature.name()
                    + " marks no bundle \"console\": true");
        }
        try (DataFolderLock held = DataFolderLock.acquire(invocation.dataFolder(), "bootctl run"); // OPERATIONS.md
             OsgiRuntime runtime = startOnAFreePort(invocation, feature, http)) {
            runtime.afterSignalStop(() -> invocation.out().println("bootctl stopped"));
            List<String> problems = new ArrayList<>(runtime.health().await(Startup.TIMEOUT).stream()
                    .map(HealthProblem::message).toList());
            runtime.scrErrorsFromNowOn(); // the start-up's failures are in problems, said in one line each
            Optional<String> url = Optional.empty();
            if (http.configured()) {
                url = awaitEndpoint(runtime, http);
                if (url.isEmpty()) {
                    problems.add("the web server is not listening on " + http.address()
                            + " (Felix HTTP's messages above may say why)");
                }
            }
            if (problems.isEmpty()) {
                invocation.out().println(Startup.readyLine(runtime, url));
                url.ifPresent(u -> WebWarmup.inBackground(URI.create(u), http.token()));
                ClassArchive.markRunUp();
                ModelOption.undescribedSimulatedModels(runtime).forEach(line -> invocation.err().println("bootctl: " + line));
            } else {
                problems.forEach(p -> invocation.err().println("bootctl: " + p));
                invocation.err().println("bootctl: not ready: feature " + feature.name() + " runs without what is "
                        + "named above (" + (shell ? "exit the console" : "Ctrl-C") + " to stop)");
            }
            invocation.out().flush();
            if (shell) {
                consoleLog(invocation);
                runtime.startConsole().forEach(p -> invocation.err().println("bootctl: the console does not run: " + p));
            }
            runtime.awaitStop();
        }
        if (!OsgiRuntime.signalled()) {
            invocation.out().println("bootctl stopped"); // the console's exit stopped the framework
        }
        return 0;
    }

    /** Logs to a file while the console runs, and a first line that says where bootctl's commands are. */
    private static void consoleLog(Invocation invocation) {
        String where;
        try {
            where = "logs go to " + PathNames.show(ConsoleLog.divert(invocation.dataFolder())) + " (boot:log shows them)";
        } catch (IOException | RuntimeException e) {
            where = "logs stay in this console (cannot write " + ConsoleLog.FILE + ": " + e.getMessage() + ")";
        }
        invocation.out().println("bootctl console: 'boot' lists bootctl's commands, 'help boot:start' explains one; "
                + where + "; Ctrl-D stops bootctl");
    }

    /**
     * The framework, once the web UI's port is known to be free; checked after the data folder's
     * lock, so a second run on the same folder names the holder rather than its port.
     */
    private static OsgiRuntime startOnAFreePort(Invocation invocation, Feature feature, HttpBinding http)
            throws CommandException {
        if (http.configured()) {
            http.checkAvailable();
        }
        return OsgiRuntime.start(feature, invocation.distribution(), invocation.dataFolder(), false);
    }

    /**
     * The address Felix HTTP publishes once it listens with the feature's configuration (it may
     * restart when that arrives): one on the configured port, unless any free one was asked for.
     */
    private static Optional<String> awaitEndpoint(OsgiRuntime runtime, HttpBinding http) throws InterruptedException {
        long deadline = System.nanoTime() + ENDPOINT_TIMEOUT.toNanos();
        while (true) {
            Optional<String> url = runtime.httpEndpoint().filter(u -> http.port() == 0
                    || u.matches(".*:" + http.port() + "(/.*)?"));
            if (url.isPresent() || System.nanoTime() - deadline >= 0) {
                return url;
            }
            Thread.sleep(20);
        }
    }

    /** --port, --bind and --token as the feature's variables; a feature without them has no web UI. */
    private static Map<String, String> webVariables(Invocation invocation) throws CommandException {
        Args args = invocation.args();
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        OptionalInt port = args.integer("port");
        if (port.isPresent()) {
            if (port.getAsInt() < 0 || port.getAsInt() > 65535) {
                throw CommandException.usage("run: --port must be 0..65535, not " + port.getAsInt());
            }
            variables.put(PORT_VARIABLE, Integer.toString(port.getAsInt()));
            options.put(PORT_VARIABLE, "--port");
        }
        Optional<String> bind = args.value("bind").map(String::trim);
        if (bind.isPresent()) {
            if (bind.get().isEmpty()) {
                throw CommandException.usage("run: --bind needs an address, e.g. 127.0.0.1 or 0.0.0.0");
            }
            variables.put(BIND_VARIABLE, bind.get());
            options.put(BIND_VARIABLE, "--bind");
        }
        Optional<String> token = AccessToken.given(invocation, "run", System.getenv());
        if (token.isPresent()) {
            variables.put(TOKEN_VARIABLE, token.get());
            options.put(TOKEN_VARIABLE, args.has("token") ? "--token" : AccessToken.ENVIRONMENT);
        }
        if (!variables.isEmpty()) {
            Feature plain = invocation.feature(org.bootctl.launcher.cli.GlobalOptions.DEFAULT_FEATURE, Map.of(),
                    org.bootctl.launcher.fleet.FleetOption.variables(invocation));
            for (Map.Entry<String, String> option : options.entrySet()) {
                if (option.getValue().equals(AccessToken.ENVIRONMENT) && !plain.declares(option.getKey())) {
                    variables.remove(option.getKey()); // the environment's token is for a feature with a web UI
                } else if (!plain.declares(option.getKey())) {
                    throw CommandException.usage(option.getValue() + " needs the web UI; feature " + plain.name()
                            + " declares no variable \"" + option.getKey() + "\"");
                }
            }
        }
        return variables;
    }
}
