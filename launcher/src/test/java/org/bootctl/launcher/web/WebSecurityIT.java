package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

/**
 * Web security in a real Felix over real HTTP (issue 9, "Web security"; cited by docs/SAFETY.md):
 * the server listens on every address with an access token set, and the tests reach it both over
 * loopback and as another machine would, through this machine's own non-loopback address (the
 * server then sees a non-loopback client). Everything the framework and the bundles log or print
 * meanwhile is captured, to show the token never appears in it.
 *
 * <p>The rate-limit tests run last: they use up the non-loopback client's allowance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("realtime")
class WebSecurityIT {

    static final String TOKEN = "sec-T0ken-7d41c9e2b8";
    static final String BEARER = "Bearer " + TOKEN;
    static final String SESSION = """
            {"device": "sim-1", "program": "sequential", "level": 2, "minutes": 1, "fitCheck": false, "ramp": false}""";

    @TempDir
    static Path data;
    static WebRuntime web;
    /** The server as a client on another machine reaches it: this machine's non-loopback address. */
    static URI remote;
    static final LogCapture log = new LogCapture();
    /** Every answer body and header the tests saw, to show the token is never in one. */
    static final List<String> answers = Collections.synchronizedList(new ArrayList<>());
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Optional<InetAddress> address = nonLoopbackAddress();
        Assumptions.assumeTrue(address.isPresent(),
                "this machine has no non-loopback address up: a client from another machine cannot be played here");
        log.start(); // from before the framework starts: its start-up, the configuration included, is captured too
        web = WebRuntime.start(data, Map.of("http-bind", "0.0.0.0", "web-token", TOKEN));
        log.listenToOsgiLog(web);
        remote = URI.create("http://" + address.get().getHostAddress() + ":" + web.base.getPort());
    }

    @AfterAll
    static void stop() {
        try {
            if (web != null) {
                web.close();
            }
        } finally {
            log.stop();
        }
    }

    /** An IPv4 address of an interface that is up and not loopback, if the machine has one. */
    static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nif -> {
                    try {
                        return nif.isUp() && !nif.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }

    // ---------------------------------------------------------------------------------- helpers

    /**
     * Sends a request, again while it is answered 429: only the rate-limit tests want to see those,
     * every other test means its request to be judged (a refused one takes nothing from the allowance).
     */
    private static HttpResponse<String> send(URI base, String method, String path, String json, String authorization) {
        return unlimited(() -> sendOnce(base, method, path, json, authorization), HttpResponse::statusCode);
    }

    private static <T> T unlimited(IoSupplier<T> request, java.util.function.ToIntFunction<T> status) {
        return Waits.until("an answer other than 429", WebRuntime.DEADLINE, request::get,
                answer -> status.applyAsInt(answer) != 429);
    }

    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException, InterruptedException;
    }

    private static HttpResponse<String> sendOnce(URI base, String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answers.add(response.headers().map() + "\n" + response.body());
            return response;
        } catch (IOException e) {
            throw new AssertionError(method + " " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String words) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().map().toString());
        JsonObject error = object(response);
        assertTrue(error.get("error").getAsString().contains(words), error.toString());
        assertTrue(error.get("details").isJsonArray(), error.toString());
    }

    /** A request written by hand (raw path bytes, forged headers); the whole answer, head and body (again while 429). */
    static String raw(URI base, String request) {
        return unlimited(() -> rawOnce(base, request), WebSecurityIT::status);
    }

    static String rawOnce(URI base, String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((request + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            answers.add(answer);
            return answer;
        }
    }

    static int status(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }

    private static JsonObject device(String id) {
        return object(send(web.base, "GET", "/api/devices/" + id, null, null));
    }

    private void settle() throws InterruptedException {
        JsonObject device = device("sim-1");
        if (!device.get("session").isJsonNull()) {
            send(web.base, "POST", "/api/sessions/" + device.get("session").getAsString() + "/stop", "{}", null);
        }
        web.settle("sim-1");
    }

    // ------------------------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void aClientOnAnotherMachineWithoutTheTokenIsRefused() throws Exception {
        JsonObject before = device("sim-1");
        HttpResponse<String> none = send(remote, "POST", "/api/sessions", SESSION, null);
        assertJsonError(none, 401, "token");
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertJsonError(send(remote, "POST", "/api/sessions", SESSION, "Bearer " + TOKEN + "-stale"), 401, "wrong");
        assertJsonError(send(remote, "POST", "/api/sessions", SESSION, "Bearer " + TOKEN.substring(1)), 401, "wrong");
        assertJsonError(send(remote, "POST", "/api/sessions", SESSION, "Basic " + TOKEN), 401, "");
        assertJsonError(send(remote, "POST", "/api/sessions", SESSION, TOKEN), 401, "");
        assertJsonError(send(remote, "POST", "/api/devices/sim-1/clear-fault", "{}", null), 401, "token");
        assertJsonError(send(remote, "POST", "/api/programs", "{}", null), 401, "token");
        assertJsonError(send(remote, "DELETE", "/api/programs/sequential", null, null), 401, "token");
        assertJsonError(send(remote, "GET", "/api/bundles", null, null), 401, "token");
        assertEquals(before.get("session"), device("sim-1").get("session"), "nothing started");
        assertEquals(200, send(remote, "GET", "/api/devices", null, null).statusCode(), "reading needs no token");
    }

    @Test
    @Order(2)
    void aClientOnAnotherMachineWithTheTokenIsAccepted() throws Exception {
        HttpResponse<String> started = send(remote, "POST", "/api/sessions", SESSION, BEARER);
        assertEquals(201, started.statusCode(), started.body());
        String id = object(started).get("id").getAsString();
        web.awaitState(id, "RUNNING");
        assertEquals(200, send(remote, "POST", "/api/sessions/" + id + "/stop", "{}", BEARER).statusCode());
        web.awaitState(id, "STOPPED");
        assertEquals(200, send(remote, "GET", "/api/bundles", null, BEARER).statusCode());
        settle();
    }

    @Test
    @Order(3)
    void theEmergencyStopWorksWithoutTheTokenFromAnotherMachine() throws Exception {
        String id = object(send(web.base, "POST", "/api/sessions", SESSION, null)).get("id").getAsString();
        web.awaitState(id, "RUNNING");
        // no token, no content type, no body, a foreign origin: an emergency stop is taken however it comes
        HttpResponse<String> estop = http.send(HttpRequest.newBuilder(remote.resolve("/api/devices/sim-1/estop"))
                .header("Origin", "http://elsewhere.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, estop.statusCode(), estop.body());
        assertEquals("emergency stop", web.awaitState(id, "STOPPED").get("endReason").getAsString());
        String rawStop = raw(remote, "POST /api/estop HTTP/1.1\r\nHost: forged.example\r\nContent-Type: text/plain\r\n"
                + "Authorization: Bearer wrong\r\nContent-Length: 0\r\n");
        assertEquals(200, status(rawStop), "every device at once, whatever the headers: " + rawStop);
        assertJsonError(send(remote, "POST", "/api/devices/sim-1/clear-fault", "{}", null), 401, "token");
        web.await("the fault cleared with the token",
                () -> send(remote, "POST", "/api/devices/sim-1/clear-fault", "{}", BEARER), r -> r.statusCode() == 200);

        // both are in the audit log, naming this client
        String source = "web " + remote.getHost();
        web.await("the stop and the clear in the audit log", WebSecurityIT::auditTrail,
                trail -> trail.contains("estop " + source + " sim-1") && trail.contains("fault-cleared " + source + " sim-1"));
    }

    /** The audit log's records as "action source subject" lines. */
    private static List<String> auditTrail() {
        Path file = data.resolve("audit.jsonl");
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().filter(line -> line.endsWith("}"))
                    .map(line -> com.google.gson.JsonParser.parseString(line).getAsJsonObject())
                    .map(o -> o.get("action").getAsString() + " " + o.get("source").getAsString() + " "
                            + o.get("subject").getAsString())
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(4)
    void bodiesOverTheLimitAre413() throws Exception {
        JsonObject before = device("sim-1");
        String big = "{\"x\": \"" + "a".repeat(300 * 1024) + "\"}";
        // announced over the limit: answered at once, the body never read (only the head is sent: a client still
        // sending the body may see the connection close before the answer)
        for (String path : List.of("/api/programs", "/api/sessions")) {
            String answer = raw(remote, "POST " + path + " HTTP/1.1\r\nHost: " + remote.getAuthority()
                    + "\r\nContent-Type: application/json\r\nAuthorization: " + BEARER + "\r\nContent-Length: " + big.length() + "\r\n");
            assertTrue(status(answer) == 413 && answer.contains("256 KiB"), answer);
        }
        assertJsonError(send(remote, "POST", "/api/sessions", big, null), 401, "token"); // the token is asked first
        // sent in chunks, no length said beforehand: read up to the limit, then refused
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(remote.resolve("/api/sessions"))
                .header("Content-Type", "application/json").header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertJsonError(chunked, 413, "256 KiB");
        assertEquals(before.get("session"), device("sim-1").get("session"), "nothing started");
    }

    /** Foreign content: what a file outside the web folder would show if one were ever served. */
    private static final List<String> FOREIGN = List.of("root:x:", "Manifest-Version", "Bundle-SymbolicName", "<project",
            "<?xml", "PK\u0003\u0004", "\u00ca\u00fe\u00ba\u00be", "victim-content", "\"token\"");

    @Test
    @Order(5)
    void pathTraversalIsRefusedOnStaticFilesAndApiIds() throws Exception {
        Path victim = data.resolve("victim.json");
        Files.writeString(victim, "{\"victim-content\": true}");
        List<String> paths = List.of(
                "/../pom.xml", "/../../../../etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
                "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..\\..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd",
                "/%252e%252e/%252e%252e/etc/passwd", "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
                "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/..;/..;/etc/passwd", "/.%2e/.%2e/etc/passwd",
                "/index.html/../../META-INF/MANIFEST.MF", "/web/../META-INF/MANIFEST.MF", "/META-INF/MANIFEST.MF",
                "/OSGI-INF/org.bootctl.web.ApiServlet.xml", "/org/bootctl/web/ApiServlet.class", "/web/index.html/..%2f..%2fMETA-INF%2fMANIFEST.MF",
                "/webjars/../META-INF/MANIFEST.MF", "/webjars/..%2f..%2f..%2fMETA-INF%2fMANIFEST.MF",
                "/webjars/%2e%2e/%2e%2e/%2e%2e/META-INF/MANIFEST.MF", "/webjars/uplot/..%5c..%5c..%5cMETA-INF%5cMANIFEST.MF",
                "/api/programs/..%2f..%2fvictim", "/api/programs/%2e%2e", "/api/programs/..%5cvictim",
                "/api/programs/%252e%252e%252fvictim", "/api/history/..%2f..%2fvictim/trace", "/api/history/%2e%2e/trace",
                "/api/history/..%5c..%5cvictim.json/trace", "/api/history/%2e%2e%2f%2e%2e%2fvictim.json/trace",
                "/api/history/%252e%252e%252fvictim.json/trace", "/api/../../victim.json", "/api/%2e%2e/%2e%2e/victim.json");
        Map<String, List<Integer>> seen = new java.util.TreeMap<>();
        for (URI base : List.of(web.base, remote)) {
            for (String path : paths) {
                for (String method : List.of("GET", "DELETE")) {
                    String answer = raw(base, method + " " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                            + "\r\nAuthorization: " + BEARER + "\r\n");
                    int status = status(answer);
                    String said = method + " " + path + " from " + base + " answered " + answer.lines().findFirst().orElse("");
                    assertTrue(status >= 400 && status < 500 && status != 429, said);
                    seen.computeIfAbsent(method + " " + path, p -> new ArrayList<>()).add(status);
                    for (String foreign : FOREIGN) {
                        assertFalse(answer.contains(foreign), said + " shows '" + foreign + "'");
                    }
                }
            }
        }
        System.out.println("WebSecurityIT traversal, status from loopback and from " + remote + ":");
        seen.forEach((request, statuses) -> System.out.println("  " + statuses + " " + request));
        assertTrue(Files.exists(victim), "nothing outside the programs folder was deleted");
        // an upload naming a way out is refused by the validator: nothing written outside the folder
        HttpResponse<String> sneaky = send(web.base, "POST", "/api/programs", """
                {"id": "../victim", "name": "Sneaky", "version": "1.0.0", "zones": {"min": 2, "max": 12},
                 "minCycle": 20, "cycle": [{"each": "up", "steps": [{"fill": "zone", "to": "80%"}]}, {"vent": "all", "hold": 2}]}""",
                BEARER);
        assertJsonError(sneaky, 400, "");
        assertEquals("{\"victim-content\": true}", Files.readString(victim));
        // and the page itself is still served: the refusals above are not a server that serves nothing
        assertEquals(200, status(raw(web.base, "GET /app.js HTTP/1.1\r\nHost: localhost\r\n")));
    }

    @Test
    @Order(6)
    void theTokenIsNeverLoggedNorAnswered() throws Exception {
        // requests with the right token and with wrong ones that contain it (echoing one would show it)
        for (String authorization : List.of(BEARER, "Bearer " + TOKEN + "x", "Bearer x" + TOKEN, "Basic " + TOKEN,
                "Bearer  " + TOKEN + " " + TOKEN)) {
            send(remote, "POST", "/api/sessions", "{\"device\": \"nope\", \"program\": \"sequential\", \"level\": 1}",
                    authorization);
            send(remote, "POST", "/api/sessions", "{malformed", authorization);
            send(remote, "GET", "/api/bundles", null, authorization);
            send(remote, "DELETE", "/api/programs/nope", null, authorization);
            send(web.base, "POST", "/api/programs", "{\"id\": 5}", authorization);
        }
        // requests the server finds malformed, with the token in them
        raw(remote, "GET /api/devices HTTP/1.1\r\nHost: " + remote.getAuthority() + "\r\nAuthorization : " + BEARER + "\r\n");
        raw(remote, "POST /api/sessions HTTP/1.1\r\nHost: " + remote.getAuthority() + "\r\nAuthorization: " + BEARER
                + "\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 7\r\n");
        raw(remote, "GET /api/devices HTTP/1.1\r\nHost: a\r\nHost: b\r\nAuthorization: " + BEARER + "\r\n");
        // and the capture really captures: what is printed, logged through java.util.logging or slf4j is seen
        System.out.println("capture-check-out");
        System.err.println("capture-check-err");
        Logger.getLogger("org.bootctl.test").warning("capture-check-jul");
        String captured = log.text();
        for (String check : List.of("capture-check-out", "capture-check-err", "capture-check-jul")) {
            assertTrue(captured.contains(check), "the capture missed " + check);
        }
        assertTrue(captured.contains("jetty"), "the framework's own log (Jetty's start-up) was captured");

        assertFalse(captured.contains(TOKEN), "the token appears in the log:\n" + excerpt(captured, TOKEN));
        for (String answer : answers) {
            assertFalse(answer.contains(TOKEN), "an answer shows the token: " + excerpt(answer, TOKEN));
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).filter(WebSecurityIT::isLogLike).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(TOKEN), file + " shows the token");
            }
        }
        System.out.println("WebSecurityIT: " + captured.length() + " characters of log captured ("
                + log.osgiLogSource() + "), " + answers.size() + " answers checked, no token in any");
    }

    /** Logs, histories, traces, the audit trail: anything in the data folder that is not configuration. */
    private static boolean isLogLike(Path file) {
        String name = file.getFileName().toString();
        return !name.endsWith(".config") && !file.toString().contains("config");
    }

    private static String excerpt(String text, String what) {
        int at = text.indexOf(what);
        return text.substring(Math.max(0, at - 300), Math.min(text.length(), at + what.length() + 100));
    }

    @Test
    @Order(10)
    void theRateLimitHoldsAndNeverStopsTheEmergencyStop() throws Exception {
        HttpResponse<String> limited = null;
        int sent = 0;
        long start = System.nanoTime();
        while (limited == null && sent < 1000) {
            HttpResponse<String> r = sendOnce(remote, "GET", "/api/devices/sim-1", null, null);
            sent++;
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(200, r.statusCode(), r.body());
            }
        }
        assertNotEquals(null, limited, "1,000 requests in a row and none limited");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(sent <= 101 + 50 * seconds, "limited after at most the burst of 100 and what grew back: " + sent
                + " requests in " + seconds + " s");
        assertJsonError(limited, 429, "too many requests");
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0")) >= 1, "Retry-After in seconds");
        // while limited: the emergency stop still answers, and another client (this machine) is not held back
        assertEquals(200, sendOnce(remote, "POST", "/api/devices/sim-1/estop", null, null).statusCode());
        assertEquals(200, send(web.base, "GET", "/api/devices/sim-1", null, null).statusCode());
        // the allowance grows back
        web.await("the client let through again", () -> sendOnce(remote, "GET", "/api/devices/sim-1", null, null),
                r -> r.statusCode() == 200);
        web.await("the fault cleared", () -> send(web.base, "POST", "/api/devices/sim-1/clear-fault", "{}", null),
                r -> r.statusCode() == 200);
    }

    @Test
    @Order(11)
    void eventStreamsPerClientAreLimited() throws Exception {
        List<InputStream> streams = new ArrayList<>();
        try {
            for (int n = 0; n < 6; n++) {
                HttpResponse<InputStream> open = stream(web.base);
                assertEquals(200, open.statusCode(), "stream " + (n + 1));
                streams.add(open.body());
            }
            HttpResponse<InputStream> seventh = stream(web.base);
            String body = new String(seventh.body().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(429, seventh.statusCode(), body);
            assertTrue(body.contains("event streams"), body);
            assertTrue(seventh.headers().firstValue("Retry-After").isPresent());
            // the other client is the one the test before limited: its request allowance may still be
            // growing back (a 429 "too many requests"), which is not what is checked here
            HttpResponse<InputStream> fromElsewhere = web.await("another client past its request allowance",
                    () -> stream(remote), r -> !requestLimited(r));
            assertEquals(200, fromElsewhere.statusCode(), "another client has its own share");
            streams.add(fromElsewhere.body());

            streams.remove(0).close();
            HttpResponse<InputStream> again = web.await("a place free again once a stream closed",
                    () -> {
                        HttpResponse<InputStream> r = stream(web.base);
                        if (r.statusCode() != 200) {
                            close(r.body());
                        }
                        return r;
                    }, r -> r.statusCode() == 200);
            streams.add(again.body());
        } finally {
            streams.forEach(WebSecurityIT::close);
        }
    }

    private static HttpResponse<InputStream> stream(URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/api/events")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AssertionError("opening an event stream failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A 429 for the client's request allowance (not for its share of streams); such a body is read and closed. */
    private static boolean requestLimited(HttpResponse<InputStream> r) {
        if (r.statusCode() != 429) {
            return false;
        }
        try (InputStream body = r.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("too many requests");
        } catch (IOException e) {
            throw new AssertionError("reading a refusal failed: " + e, e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing is all that is wanted
        }
    }

    /**
     * Everything printed to System.out and System.err, logged through java.util.logging (where
     * System.Logger goes) and, when the framework has an OSGi log service, logged there.
     */
    static final class LogCapture {
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        private final StringBuffer logged = new StringBuffer();
        private PrintStream out;
        private PrintStream err;
        private Handler handler;
        private String osgiLog = "no OSGi log service in this feature: System.out/err and java.util.logging captured";

        synchronized void start() {
            out = System.out;
            err = System.err;
            System.setOut(new PrintStream(new Tee(out, printed), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(err, printed), true, StandardCharsets.UTF_8));
            handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(' ')
                            .append(record.getMessage()).append(' ').append(record.getParameters() == null ? ""
                                    : List.of(record.getParameters())).append(' ')
                            .append(record.getThrown() == null ? "" : record.getThrown()).append('\n');
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            handler.setLevel(Level.ALL);
            Logger.getLogger("").addHandler(handler);
        }

        /** Adds a LogListener when a LogReaderService is there (types looked up in the framework: none on this class path). */
        void listenToOsgiLog(WebRuntime web) {
            ServiceReference<?> reference = web.runtime.context().getServiceReference("org.osgi.service.log.LogReaderService");
            if (reference == null) {
                return;
            }
            try {
                Object reader = web.runtime.context().getService(reference);
                Class<?> listenerType = reader.getClass().getClassLoader().loadClass("org.osgi.service.log.LogListener");
                Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                        (proxy, method, args) -> {
                            if (method.getName().equals("logged")) {
                                Object entry = args[0];
                                logged.append(entry.getClass().getMethod("getMessage").invoke(entry)).append(' ')
                                        .append(entry.getClass().getMethod("getException").invoke(entry)).append('\n');
                            }
                            return null;
                        });
                reader.getClass().getMethod("addLogListener", listenerType).invoke(reader, listener);
                osgiLog = "the OSGi log service's entries, System.out/err and java.util.logging captured";
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot listen to the OSGi log", e);
            }
        }

        String osgiLogSource() {
            return osgiLog;
        }

        synchronized String text() {
            System.out.flush();
            System.err.flush();
            synchronized (printed) {
                return printed.toString(StandardCharsets.UTF_8) + logged;
            }
        }

        synchronized void stop() {
            if (out != null) {
                System.setOut(out);
                System.setErr(err);
                Logger.getLogger("").removeHandler(handler);
            }
        }
    }

    /** Writes to the stream it replaced and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            original.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            original.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
