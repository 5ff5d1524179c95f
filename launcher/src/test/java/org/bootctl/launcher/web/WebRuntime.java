package org.bootctl.launcher.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The simulator feature with its web UI in a real Felix, on a free loopback port, and an HTTP
 * client for it. Real time: waits poll with a deadline.
 */
final class WebRuntime implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** Bind addresses meaning every interface. */
    private static final Set<String> ANY = Set.of("0.0.0.0", "::", "[::]");

    final OsgiRuntime runtime;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WebRuntime(OsgiRuntime runtime, URI base) {
        this.runtime = runtime;
        this.base = base;
    }

    /** Starts the simulator feature (port 0: a free one) with these variables on top. */
    static WebRuntime start(Path data, Map<String, String> variables) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("http-port", "0", "http-bind", "127.0.0.1"));
        all.putAll(variables);
        if (ANY.contains(all.get("http-bind")) && "0".equals(all.get("http-port"))) {
            // Jetty starts once on the framework properties, then again on the configuration: with port 0
            // each start takes another port, and on every address nothing tells the two apart
            all.put("http-port", Integer.toString(freePort()));
        }
        Distribution distribution = TestDistribution.real();
        Feature feature = FeatureReader.read(distribution.features().resolve("simulator.json"), all);
        OsgiRuntime runtime = OsgiRuntime.start(feature, distribution, data, false);
        try {
            List<HealthProblem> problems = runtime.health().await(DEADLINE);
            if (!problems.isEmpty()) {
                throw new AssertionError("the simulator feature is not up: " + problems);
            }
            WebRuntime web = new WebRuntime(runtime, awaitEndpoint(runtime, all.get("http-bind")));
            web.await("the device sim-1 listed", () -> web.get("/api/devices"),
                    r -> r.statusCode() == 200 && r.body().contains("\"id\":\"" + all.getOrDefault("device", "sim-1")));
            return web;
        } catch (Exception | AssertionError e) {
            runtime.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Felix HTTP says where it listens (osgi.http.endpoint) once it runs with the feature's configuration. */
    private static URI awaitEndpoint(OsgiRuntime runtime, String bind) throws InterruptedException, InvalidSyntaxException {
        return Waits.until("Felix HTTP started on the configured port", DEADLINE, () -> endpoint(runtime, bind),
                Objects::nonNull);
    }

    /** Where Felix HTTP listens as loopback reaches it, or null while it does not (yet). */
    private static URI endpoint(OsgiRuntime runtime, String bind) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = runtime.context().getServiceReferences((String) null, "(osgi.http.endpoint=*)");
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                Object endpoint = ref.getProperty("osgi.http.endpoint");
                String url = endpoint instanceof String[] urls ? urls[0] : String.valueOf(endpoint);
                URI uri = URI.create(url);
                // bound to loopback, or to every address: either way loopback reaches it
                if (uri.getPort() > 0 && (bind.equals(uri.getHost()) || ANY.contains(bind))) {
                    return URI.create("http://127.0.0.1:" + uri.getPort());
                }
            }
        }
        return null;
    }

    /** Polls until the answer satisfies the condition; fails naming what was awaited and the last answer. */
    <T> T await(String what, Supplier<T> poll, Predicate<T> done) throws InterruptedException {
        return Waits.until(what, DEADLINE, poll::get, done, WebRuntime::describe);
    }

    private static String describe(Object last) {
        return last instanceof HttpResponse<?> r ? r.statusCode() + " " + r.body() : String.valueOf(last);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * A request written by hand on a socket, for what java.net.http will not send (a forged Host).
     * Returns the status line and the body.
     */
    String raw(String head) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int bodyStart = answer.indexOf("\r\n\r\n");
            return answer.substring(0, answer.indexOf("\r\n")) + "\n" + (bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        }
    }

    static JsonObject object(HttpResponse<String> response) {
        return json(response).getAsJsonObject();
    }

    static JsonArray array(HttpResponse<String> response) {
        return json(response).getAsJsonArray();
    }

    static JsonElement json(HttpResponse<String> response) {
        try {
            return JsonParser.parseString(response.body());
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON: " + response.statusCode() + " " + response.body(), e);
        }
    }

    /** The JSON object of a session's current state. */
    JsonObject session(String id) {
        HttpResponse<String> r = get("/api/sessions/" + id);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET session " + id + ": " + r.statusCode() + " " + r.body());
        }
        return object(r);
    }

    /** Waits until the session is in the given state. */
    JsonObject awaitState(String sessionId, String state) throws InterruptedException {
        return await("session " + sessionId + " " + state, () -> session(sessionId),
                s -> state.equals(s.get("state").getAsString()));
    }

    /**
     * Waits until the device has no session running, then until its latched fault is cleared: the
     * engine refuses a clear (409) while a stop is still applied, a zone still holds air or telemetry
     * is late, so it is asked again until it answers 200 with no fault.
     */
    void settle(String device) throws InterruptedException {
        await(device + " idle", () -> object(get("/api/devices/" + device)), d -> {
            String state = d.get("state").getAsString();
            return !List.of("FIT_CHECK", "RUNNING", "PAUSED", "VENTING").contains(state);
        });
        await(device + " without a fault", () -> post("/api/devices/" + device + "/clear-fault", null),
                r -> r.statusCode() == 200 && object(r).get("fault").isJsonNull());
    }

    /**
     * Changes the web UI's configuration (PID org.bootctl.web) beyond what the feature sets, keeping
     * the rest, and waits until its access filter has it.
     */
    void configureWeb(Map<String, Object> changes) throws Exception {
        ConfigurationAdmin admin = runtime.service(ConfigurationAdmin.class, null).orElseThrow();
        Configuration configuration = admin.getConfiguration("org.bootctl.web", "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>()
                : configuration.getProperties();
        changes.forEach(properties::put);
        configuration.update(properties);
        ServiceComponentRuntime scr = runtime.service(ServiceComponentRuntime.class, null).orElseThrow();
        await("the web configuration applied", () -> scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.name.equals("org.bootctl.web.GuardFilter"))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .anyMatch(c -> changes.entrySet().stream()
                        .allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(c.properties.get(e.getKey()))))),
                applied -> applied);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
