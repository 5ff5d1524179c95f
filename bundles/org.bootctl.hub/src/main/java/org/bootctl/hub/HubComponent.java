package org.bootctl.hub;

import com.google.gson.JsonObject;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The hub (docs/HUB.md): serves the REST API and the live stream and joins the broker at once
 * (the fleet e-stop needs nothing more), then waits for the database, migrates it, and from then
 * on stores the fleet's messages. All of it on a thread of its own,
 * since opening a database and a broker link may take long (never in activate).
 */
@Component(configurationPid = HubConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
@Designate(ocd = HubConfig.class)
public final class HubComponent {

    private static final Logger LOG = Logger.getLogger(HubComponent.class.getName());

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile boolean stopping;
    private Thread starter;
    /** Set once the migrations at start are done: the API reads the database from then on. */
    private volatile boolean schemaReady;
    private volatile Store store;
    private volatile Ingest ingest;
    private volatile Database database;

    @Activate
    void activate(BundleContext context, HubConfig config) {
        String data = context.getProperty("bootctl.data");
        Path dataFolder = Path.of(data == null || data.isBlank() ? "./data" : data);
        starter = new Thread(() -> start(context, config, dataFolder), "bootctl-hub-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void start(BundleContext context, HubConfig config, Path dataFolder) {
        try {
            String user = config.dbUser().isBlank() ? env("PGUSER") : config.dbUser();
            String password = config.dbPasswordFile().isBlank() ? env("PGPASSWORD") : firstLine(config.dbPasswordFile());
            Database db = Database.open(config.db(), user, password, dataFolder);
            database = db;
            Store s = new Store(db);
            store = s;
            Queries queries = new Queries(db);
            LiveStream live = new LiveStream();
            Guard guard = new Guard(config.token(), config.allowedHosts());
            String[] link = new String[1];
            Estops[] estops = new Estops[1];
            Ingest.Listener listener = new Ingest.Listener() {
                @Override
                public void unitChanged(String site, String unit) {
                    if (live.clients() == 0) {
                        return;
                    }
                    try {
                        queries.unit(site, unit).ifPresent(u -> live.publish("unit", u));
                    } catch (java.sql.SQLException e) {
                        LOG.fine("bootctl hub: cannot read unit " + site + "/" + unit + ": " + e);
                    }
                }

                @Override
                public void telemetry(JsonObject telemetry) {
                    live.publish("telemetry", telemetry);
                }

                @Override
                public void record(JsonObject record) {
                    live.publish("record", record);
                }

                @Override
                public void event(String site, String unit, JsonObject event) {
                    estops[0].event(site, unit, event);
                    live.publish("event", event);
                }

                @Override
                public void deviceState(String site, String unit, String device, String state, long arrived,
                        Instant updated) {
                    estops[0].deviceState(site, unit, device, state, arrived, updated);
                }

                @Override
                public void seen(String site, String unit, String device, boolean gone) {
                    estops[0].known().seen(site, unit, device, gone);
                }

                @Override
                public void reply(String site, String unit, JsonObject reply) {
                    estops[0].reply(reply);
                }
            };
            String clientId = clientId(config.hubId(), dataFolder);
            Ingest in = new Ingest(pahoUri(config.broker()), clientId, config.brokerUser(),
                    config.brokerPasswordFile().isBlank() ? "" : firstLine(config.brokerPasswordFile()), config.share(), s, listener);
            estops[0] = new Estops(in::publish);
            synchronized (this) {
                if (stopping) {
                    in.close();
                    return;
                }
                ingest = in;
                registrations.add(register(context, new ApiServlet(guard, queries, estops[0], () -> schemaReady, true), "bootctl-hub-api",
                        "/api/fleet/*", true)); // async: the e-stop's body is read without a thread waiting (AsyncBody)
                registrations.add(register(context, new EventsServlet(guard, live), "bootctl-hub-events", "/api/fleet/events", false));
            }
            // on the broker before the database answers: the e-stop needs only the broker (the units it heard of),
            // and what is to be stored waits in the broker until the schema is there
            in.connect();
            LOG.info("bootctl hub: on the broker " + config.broker() + " as " + clientId);
            int version = migrate(db);
            if (stopping || version < 0) {
                return;
            }
            LOG.info("bootctl hub: " + db.described() + ", schema version " + version);
            schemaReady = true;
            in.storeReady();
        } catch (InterruptedException e) {
            // deactivated while waiting for the database
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "bootctl hub: cannot start: " + e.getMessage() + "; fix the hub's settings and start it again", e);
        }
    }

    /** Seconds between tries while the database does not answer: doubling from the first to the last, then the last. */
    static final long[] DATABASE_BACKOFF_S = {2, 4, 8, 16, 30, 60};

    /** Waits between tries; {@link Thread#sleep} in the running hub. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private int migrate(Database db) throws InterruptedException, IOException {
        return migrateWhenUp(db, () -> stopping, Thread::sleep);
    }

    /**
     * Migrations, tried again for as long as the database does not answer (PostgreSQL starting
     * beside the hub, or down for a while), with a bounded back-off; one warning per try, saying
     * what to check. Ends with the schema version, or with -1 once {@code stopping}.
     */
    static int migrateWhenUp(Database db, BooleanSupplier stopping, Sleeper sleeper)
            throws InterruptedException, IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                int version = Migrations.run(db);
                if (attempt > 0) {
                    LOG.info("bootctl hub: the database " + db.described() + " answers now; starting");
                }
                return version;
            } catch (java.sql.SQLException e) {
                if (stopping.getAsBoolean()) {
                    return -1;
                }
                long wait = DATABASE_BACKOFF_S[Math.min(attempt, DATABASE_BACKOFF_S.length - 1)];
                LOG.warning("bootctl hub: the database " + db.described() + " does not answer (" + e.getMessage()
                        + "); trying again in " + wait + " s. No records are stored and the API is off until it does:"
                        + " check that the database runs and that its URL, user and password are right");
                sleeper.sleep(wait * 1000);
                if (stopping.getAsBoolean()) {
                    return -1;
                }
            }
        }
    }

    private static ServiceRegistration<?> register(BundleContext context, Servlet servlet, String name, String pattern,
            boolean async) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name);
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, async);
        return context.registerService(Servlet.class, servlet, p);
    }

    @Deactivate
    void deactivate() {
        List<ServiceRegistration<?>> regs;
        synchronized (this) {
            stopping = true;
            regs = new ArrayList<>(registrations);
            registrations.clear();
        }
        if (starter != null) {
            starter.interrupt();
        }
        for (ServiceRegistration<?> r : regs) {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // already
            }
        }
        Ingest in = ingest;
        if (in != null) {
            in.close();
        }
        Store s = store;
        if (s != null) {
            s.close();
        }
        Database db = database;
        if (db != null) {
            db.close();
        }
    }

    /** A stable id per hub: the persistent session the broker keeps for it. */
    static String clientId(String hubId, Path dataFolder) {
        if (hubId != null && !hubId.isBlank()) {
            return "bootctl-hub-" + hubId.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return "bootctl-hub-" + host + "-" + Integer.toHexString(dataFolder.toAbsolutePath().normalize().toString().hashCode());
    }

    /** mqtt://HOST:PORT as Paho names it. */
    static String pahoUri(String broker) {
        URI u = URI.create(broker.trim());
        boolean tls = "mqtts".equals(u.getScheme());
        if (!tls && !"mqtt".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("broker '" + broker + "' must be mqtt://HOST:PORT or mqtts://HOST:PORT");
        }
        int port = u.getPort() < 0 ? (tls ? 8883 : 1883) : u.getPort();
        return (tls ? "ssl://" : "tcp://") + u.getHost() + ":" + port;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }

    private static String firstLine(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0).strip();
    }
}
