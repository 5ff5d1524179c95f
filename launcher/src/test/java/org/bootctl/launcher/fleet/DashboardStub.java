package org.bootctl.launcher.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The hub's REST API and event stream as canned answers in the shapes of docs/HUB.md, and the
 * dashboard's files straight from its built bundle (the paths the bundle registers: {@code /},
 * {@code /dashboard/*}, {@code /webjars/*}). Keeps every API request it got, for the test to check
 * what the page asked; events the test queues go out on every open stream.
 */
final class DashboardStub implements AutoCloseable {

    record Request(String method, String path, String query, String authorization, String body) {
    }

    static final String BUNDLE = "org.bootctl.hub.dashboard-0.1.0.jar";

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ZipFile bundle;
    private final Map<String, String> answers;
    /** When set, every API request needs it as a bearer token. */
    volatile String token;
    /** How long the stop's answer is held back: a hub that is slow to answer. */
    volatile long estopDelayMs;

    DashboardStub(Path bundleJar, Map<String, String> answers) throws IOException {
        this.bundle = new ZipFile(bundleJar.toFile());
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The bundle as the launcher's tests have it: in the distribution, or its module's target/. */
    static Path bundleJar() {
        String home = System.getProperty("bootctl.home");
        List<Path> places = List.of(
                Path.of(home == null ? "target/bootctl" : home, "bundles", "org", "bootctl", "org.bootctl.hub.dashboard", "0.1.0", BUNDLE),
                Path.of("..", "bundles", "org.bootctl.hub.dashboard", "target", BUNDLE));
        return places.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new AssertionError(
                "the dashboard bundle is not built: mvn -pl bundles/org.bootctl.hub.dashboard package (looked in " + places + ")"));
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sends an event to every open stream. */
    void event(String name, String json) {
        String frame = "event: " + name + "\ndata: " + json.replace("\n", "") + "\n\n";
        streams.forEach(s -> s.add(frame));
    }

    int openStreams() {
        return streams.size();
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/api/")) {
                file(exchange, path);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), authorization, body));
            if (token != null && !("Bearer " + token).equals(authorization)) {
                send(exchange, 401, "application/json", "{\"error\":\"this request needs the access token: Authorization: Bearer <token>\"}");
                return;
            }
            if (path.equals("/api/fleet/events")) {
                stream(exchange);
                return;
            }
            if (path.equals("/api/fleet/estop") && exchange.getRequestMethod().equals("POST")) {
                if (estopDelayMs > 0) {
                    Thread.sleep(estopDelayMs); // the hub as slow as the test wants it (not a wait for anything)
                }
                send(exchange, 200, "application/json", estop(JsonParser.parseString(body).getAsJsonObject()));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String key = path + (query != null && query.contains("format=csv") ? "?csv" : query != null && query.startsWith("by=") ? "?" + query : "");
            String answer = answers.get(key);
            if (answer == null) {
                send(exchange, 404, "application/json", "{\"error\":\"no such thing: " + path + "\"}");
            } else {
                send(exchange, 200, key.endsWith("?csv") ? "text/csv" : "application/json", answer);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every device of the units the stop names; the one called "stubborn" does not confirm. */
    private String estop(JsonObject target) {
        JsonArray devices = new JsonArray();
        for (JsonElement u : JsonParser.parseString(answers.get("/api/fleet/units")).getAsJsonArray()) {
            JsonObject unit = u.getAsJsonObject();
            if (!unit.get("site").getAsString().equals(target.get("site").getAsString())
                    || target.has("unit") && !unit.get("unit").getAsString().equals(target.get("unit").getAsString())) {
                continue;
            }
            for (JsonElement d : unit.getAsJsonArray("devices")) {
                String device = d.getAsJsonObject().get("device").getAsString();
                if (target.has("device") && !device.equals(target.get("device").getAsString())) {
                    continue;
                }
                JsonObject one = new JsonObject();
                one.addProperty("site", unit.get("site").getAsString());
                one.addProperty("unit", unit.get("unit").getAsString());
                one.addProperty("device", device);
                one.addProperty("confirmed", !device.equals("stubborn"));
                if (!device.equals("stubborn")) {
                    one.addProperty("confirmedBy", "reply");
                    one.addProperty("state", "STOPPED");
                }
                devices.add(one);
            }
        }
        JsonObject answer = new JsonObject();
        answer.add("devices", devices);
        return answer.toString();
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        streams.add(queue);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write(": hello\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!threads.isShutdown()) {
                String frame = queue.poll(1, TimeUnit.SECONDS);
                out.write((frame == null ? ": ping\n\n" : frame).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the page went away
        } finally {
            streams.remove(queue);
        }
    }

    private void file(HttpExchange exchange, String path) throws IOException {
        String entry = path.equals("/") ? "dashboard/index.html"
                : path.startsWith("/dashboard/") ? path.substring(1)
                : path.startsWith("/webjars/") ? "META-INF/resources" + path : null;
        ZipEntry found = entry == null || entry.contains("..") ? null : bundle.getEntry(entry);
        if (found == null) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        String type = entry.endsWith(".js") ? "text/javascript" : entry.endsWith(".css") ? "text/css"
                : entry.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8";
        byte[] bytes = bundle.getInputStream(found).readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + (type.contains("charset") ? "" : "; charset=utf-8"));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Today in UTC, the last day of the utilisation answers. */
    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Override
    public void close() throws IOException {
        threads.shutdownNow();
        server.stop(0);
        bundle.close();
    }
}
