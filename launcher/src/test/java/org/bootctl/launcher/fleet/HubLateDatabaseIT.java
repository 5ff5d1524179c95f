package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.testing.Waits;
import org.bootctl.tools.bench.LocalPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootctl hub} started while its PostgreSQL does not answer yet (nothing listens on its
 * port): it keeps trying, says so, sends e-stops meanwhile (they need only the broker), and starts
 * storing when the database comes (docs/HUB.md). The database
 * "comes" when the test starts forwarding that port to a running cluster.
 */
@Tag("broker")
@Tag("database")
class HubLateDatabaseIT {

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @Test
    void aHubStartedBeforeItsDatabaseStartsWhenTheDatabaseComes() throws Exception {
        int dbPort = freePort();
        int httpPort = freePort();
        try (LocalPostgres pg = Postgres.start();
             Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null)) {
            Files.createDirectories(folder.resolve("hub"));
            String late = "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
            try (BootctlProcess hub = BootctlProcess.start(folder, "hub", "--broker", broker.url(), "--port", Integer.toString(httpPort),
                    "--data", folder.resolve("hub").toString(), "--db", late,
                    "--var", "hub-broker-user=" + Mosquitto.ADMIN, "--var", "hub-broker-password-file=" + Mosquitto.passwordFile(folder),
                    "--var", "hub-db-user=" + Postgres.USER, "--var", "hub-db-password-file=" + pg.passwordFile(folder))) {
                Waits.until(() -> "two tries logged: " + hub.err(), WAIT, () -> hub.err().stream()
                        .filter(l -> l.contains("does not answer") && l.contains("trying again in")).count() >= 2);
                assertTrue(hub.err().stream().anyMatch(l -> l.contains("check that the database runs")), hub.err().toString());
                assertTrue(!answers(httpPort), "no API without the database: " + get(httpPort) + "; " + hub.err());

                // the e-stop needs only the broker: to a named unit, and site-wide to the units the hub heard of there
                try (BrokerWatch unit = new BrokerWatch(broker, "fake-unit")) {
                    Waits.until(() -> "the hub on the broker: " + hub.err(), WAIT,
                            () -> hub.err().stream().anyMatch(l -> l.contains("bootctl hub: subscribed on")));
                    unit.publish("bootctl/v1/s1/u1/status", "{\"state\":\"online\",\"since\":\"2026-12-06T08:00:00Z\"}", true);
                    unit.publish("bootctl/v1/s1/u1/devices/d1", "{\"id\":\"d1\",\"state\":\"RUNNING\"}", true);
                    unit.publish("bootctl/v1/s1/u1/records", "{\"id\":\"r-late\",\"deviceId\":\"d1\",\"state\":\"COMPLETED\","
                            + "\"end\":\"2026-12-06T10:20:00Z\"}", false);
                    String topic = "bootctl/v1/s1/u1/cmd/estop";
                    assertEquals(200, post(httpPort, "{\"site\":\"s1\",\"unit\":\"u1\"}").statusCode());
                    unit.await(m -> m.topic().equals(topic), WAIT, "the e-stop to the named unit, no database");
                    Waits.until(() -> "a site-wide e-stop to the unit the hub heard of", WAIT, () -> {
                        int before = unit.on(topic).size();
                        HttpResponse<String> r = post(httpPort, "{\"site\":\"s1\"}");
                        return r != null && r.statusCode() == 200 && r.body().contains("\"d1\"") && unit.on(topic).size() > before;
                    });
                }

                try (Forward ignored = new Forward(dbPort, pg.url())) {
                    Waits.until(() -> "the API once the database came: " + hub.err(), WAIT, () -> answers(httpPort));
                    assertTrue(hub.err().stream().anyMatch(l -> l.contains("answers now; starting")), hub.err().toString());
                    Waits.until(() -> "the record published before the database came, stored: " + get(httpPort, "/api/fleet/sessions"),
                            WAIT, () -> get(httpPort, "/api/fleet/sessions").contains("r-late"));
                }
            }
        }
    }

    private static boolean answers(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/fleet/units")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().startsWith("["); // not the dashboard's page, served for any path
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpResponse<String> post(int port, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/fleet/estop"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static String get(int port) {
        return get(port, "/api/fleet/units");
    }

    private static String get(int port, String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Forwards a local port to the database's, each connection both ways. */
    private static final class Forward implements AutoCloseable {
        private final ServerSocket server;

        Forward(int port, String jdbcUrl) throws IOException {
            int to = URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        Socket out = new Socket("127.0.0.1", to);
                        pump(in, out);
                        pump(out, in);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "forward");
            accept.setDaemon(true);
            accept.start();
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "forward-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
