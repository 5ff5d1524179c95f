package org.bootctl.launcher.hub;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.commands.AccessToken;
import org.bootctl.launcher.commands.Startup;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.fleet.FleetNames;
import org.bootctl.launcher.runtime.DataFolderLock;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.HttpBinding;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl hub}: the fleet hub (docs/HUB.md) on feature {@code hub}. Collects the fleet's
 * status, devices, records and events from the broker into a database and serves the REST API,
 * the live stream and the dashboard, until Ctrl-C or SIGTERM.
 */
public final class HubCommand implements Command {

    static final String FEATURE = "hub";
    /** The hub bundle's configuration, which holds its access token ({@code token}). */
    static final String HUB_PID = "org.bootctl.hub";
    /** How long the hub gets to open its database and answer, once its bundles are up. */
    static final Duration API_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "hub";
    }

    @Override
    public String summary() {
        return "collects a fleet from its MQTT broker into a database; REST API and dashboard (docs/HUB.md)";
    }

    @Override
    public String description() {
        return """
                Runs the fleet hub: subscribes to the broker's bootctl/v1/ topics, stores every unit's
                status (with its online/offline history), devices, session records (each once, however
                often it is sent) and events, and serves the dashboard and the REST API under
                /api/fleet/ (default http://127.0.0.1:8090/). The database is H2 in the data folder's
                hub/ unless --db names a PostgreSQL one (its user and password from
                --var hub-db-user= and --var hub-db-password-file=, or PGUSER and PGPASSWORD); the
                schema is created and migrated at start. Several hubs may share one broker and one
                PostgreSQL: each record is stored once (give each its own data folder or
                --var hub-id=NAME; --var hub-share=GROUP makes them split the records through a
                shared subscription, docs/HUB.md says when that is safe). It prints one line once the API answers:
                  bootctl ready: feature hub, 13 bundles active, http://127.0.0.1:8090/
                Listening beyond this machine (--bind) needs --token, as for run. Bad options end it
                with exit 2 before anything starts.""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.required("broker", "URL", "the fleet's broker, mqtt://HOST:PORT or mqtts://HOST:PORT; also"
                        + " --var hub-broker-user= and hub-broker-password-file="),
                OptionSpec.value("db", "JDBC-URL", "jdbc:postgresql://HOST:PORT/DB for a chain (default: H2 in the"
                        + " data folder's hub/)"),
                OptionSpec.value("port", "N", "the API's and dashboard's port (default 8090; 0 takes any free one)"),
                OptionSpec.value("bind", "ADDR", "the address to listen on (default 127.0.0.1: this machine only);"
                        + " any other needs --token"),
                OptionSpec.value("token", "TOKEN", "the access token other machines need (Authorization: Bearer"
                        + " TOKEN); or --var web-token=TOKEN, or the environment's BOOTCTL_WEB_TOKEN (out of the"
                        + " process list)"));
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        Feature feature = invocation.feature(FEATURE, variables(invocation));
        HttpBinding http = HttpBinding.of(feature, HUB_PID); // the hub's token is in its own configuration
        if (!http.loopback() && !http.hasToken()) {
            throw CommandException.usage("hub: listening on " + (http.host().isEmpty() ? "every interface" : http.host())
                    + " lets other machines reach the hub, so it needs an access token: give one with --token TOKEN,"
                    + " or keep to this machine with --bind 127.0.0.1");
        }
        try (DataFolderLock held = DataFolderLock.acquire(invocation.dataFolder(), "bootctl hub")) {
            http.checkAvailable("hub");
            try (OsgiRuntime runtime = OsgiRuntime.start(feature, invocation.distribution(), invocation.dataFolder(), false)) {
                runtime.afterSignalStop(() -> invocation.out().println("bootctl stopped"));
                List<String> problems = new ArrayList<>(runtime.health().await(Startup.TIMEOUT).stream()
                        .map(HealthProblem::message).toList());
                runtime.scrErrorsFromNowOn(); // the start-up's failures are in problems, said in one line each
                Optional<String> url = awaitApi(runtime, http);
                if (url.isEmpty()) {
                    problems.add("the hub's API does not answer on " + http.address()
                            + " (the messages above may say why: the database or the web server)");
                }
                if (problems.isEmpty()) {
                    invocation.out().println(Startup.readyLine(runtime, url));
                } else {
                    problems.forEach(p -> invocation.err().println("bootctl: " + p));
                    invocation.err().println("bootctl: not ready: the hub runs without what is named above (Ctrl-C to stop)");
                }
                invocation.out().flush();
                runtime.awaitStop();
            }
        }
        if (!OsgiRuntime.signalled()) {
            invocation.out().println("bootctl stopped");
        }
        return 0;
    }

    /** The web server's address once {@code GET /api/fleet/units} answers there (the database is open). */
    private static Optional<String> awaitApi(OsgiRuntime runtime, HttpBinding http) throws InterruptedException {
        long deadline = System.nanoTime() + API_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<String> url = runtime.httpEndpoint().filter(u -> http.port() == 0 || u.matches(".*:" + http.port() + "(/.*)?"));
            if (url.isPresent() && answers(probe(url.get(), http), http.token())) {
                return url;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /**
     * Where to ask: on every interface (0.0.0.0, ::) this machine's loopback, as the endpoint Felix
     * publishes then may be any of its addresses (an IPv6 one with a scope, say); else the endpoint.
     */
    static String probe(String endpoint, HttpBinding http) {
        String host = http.host().replaceAll("^\\[|\\]$", "");
        boolean everywhere = host.isEmpty() || host.equals("0.0.0.0") || host.matches("[0:]*::[0:]*");
        java.util.regex.Matcher port = java.util.regex.Pattern.compile(":(\\d+)/*$").matcher(endpoint);
        return everywhere && port.find() ? "http://127.0.0.1:" + port.group(1) : endpoint;
    }

    /** Whether the API answers 200 there, asked with the token when there is one (needed from an address not loopback). */
    private static boolean answers(String base, String token) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base.replaceAll("/+$", "") + "/api/fleet/units").toURL().openConnection();
            if (!token.isEmpty()) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The options as the feature's variables, each checked (exit 2 on a bad one). */
    static Map<String, String> variables(Invocation invocation) throws CommandException {
        Args args = invocation.args();
        Map<String, String> variables = new LinkedHashMap<>();
        String broker = args.value("broker").map(String::trim).orElse("");
        FleetNames.broker(broker);
        variables.put("hub-broker", broker);
        Optional<String> db = args.value("db").map(String::trim);
        if (db.isPresent()) {
            if (!db.get().startsWith("jdbc:postgresql://") && !db.get().startsWith("jdbc:h2:")) {
                throw CommandException.usage("hub: --db must be jdbc:postgresql://HOST:PORT/DATABASE (or jdbc:h2:FILE),"
                        + " not '" + db.get() + "'; leave it out for H2 in the data folder");
            }
            if (db.get().contains("password=")) {
                throw CommandException.usage("hub: --db must not hold the password (the process list shows it): use"
                        + " --var hub-db-password-file=FILE or PGPASSWORD");
            }
            variables.put("hub-db", db.get());
        }
        OptionalInt port = args.integer("port");
        if (port.isPresent()) {
            if (port.getAsInt() < 0 || port.getAsInt() > 65535) {
                throw CommandException.usage("hub: --port must be 0..65535, not " + port.getAsInt());
            }
            variables.put("http-port", Integer.toString(port.getAsInt()));
        }
        Optional<String> bind = args.value("bind").map(String::trim);
        if (bind.isPresent()) {
            if (bind.get().isEmpty()) {
                throw CommandException.usage("hub: --bind needs an address, e.g. 127.0.0.1 or 0.0.0.0");
            }
            variables.put("http-bind", bind.get());
        }
        AccessToken.given(invocation, "hub", System.getenv()).ifPresent(token -> variables.put(AccessToken.VARIABLE, token));
        Map<String, String> given = invocation.variables();
        for (String file : new String[] {"hub-db-password-file", "hub-broker-password-file"}) {
            String value = given.get(file);
            if (value != null && !value.isBlank()) {
                Path path = Path.of(value).toAbsolutePath();
                if (!Files.isReadable(path)) {
                    throw CommandException.usage("hub: --var " + file + "=" + value + ": no such readable file");
                }
                variables.put(file, path.toString());
            }
        }
        String hubId = given.get("hub-id");
        if (hubId != null && !hubId.isEmpty() && !hubId.matches("[A-Za-z0-9-]{1,32}")) {
            throw CommandException.usage("hub: --var hub-id must be 1 to 32 of A-Z, a-z, 0-9 and -, not '" + hubId + "'");
        }
        String share = given.get("hub-share");
        if (share != null && !share.isEmpty() && !share.matches("[A-Za-z0-9-]{1,32}")) {
            throw CommandException.usage("hub: --var hub-share must be 1 to 32 of A-Z, a-z, 0-9 and -, not '" + share + "'");
        }
        return variables;
    }
}
