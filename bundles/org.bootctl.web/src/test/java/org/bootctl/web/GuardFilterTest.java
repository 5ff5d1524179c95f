package org.bootctl.web;

import static org.bootctl.web.Fakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter as the servlet container drives it: rate limit, emergency stop, event streams per client. */
class GuardFilterTest {

    /** What one request came back as: passed on to the servlet, or refused with a status, headers and body. */
    record Outcome(boolean passed, int status, Map<String, String> headers, String body) {
    }

    private final List<AsyncListener> streamListeners = new ArrayList<>();

    /** Runs inside the servlet of the next request sent (that request is in progress meanwhile). */
    private Runnable insideServlet = () -> { };
    /** The Content-Length of the requests sent. */
    private long contentLength = -1;

    private static GuardFilter filter(int rateLimit, int burst, int streamsPerClient) {
        return filter(rateLimit, burst, streamsPerClient, 0);
    }

    private static GuardFilter filter(int rateLimit, int burst, int streamsPerClient, int inFlightPerClient) {
        GuardFilter filter = new GuardFilter();
        filter.configure(fake(WebConfig.class, Map.of(
                "token", a -> "",
                "allowedHosts", a -> new String[0],
                "rateLimit", a -> rateLimit,
                "rateBurst", a -> burst,
                "eventStreamsPerClient", a -> streamsPerClient,
                "requestsInFlightPerClient", a -> inFlightPerClient)));
        return filter;
    }

    /** Sends one request from {@code client}; an event stream the servlet takes stays open (async) when asked. */
    private Outcome send(GuardFilter filter, String client, String method, String path, boolean streamStaysOpen)
            throws Exception {
        boolean[] async = {false};
        HttpServletRequest request = fake(HttpServletRequest.class, Map.ofEntries(
                Map.entry("getMethod", a -> method),
                Map.entry("getServletPath", a -> path),
                Map.entry("getPathInfo", a -> null),
                Map.entry("getContentType", a -> "POST".equals(method) ? "application/json" : null),
                Map.entry("getContentLengthLong", a -> contentLength),
                Map.entry("getHeader", a -> "Host".equals(a[0]) ? "localhost:8080" : null),
                Map.entry("getScheme", a -> "http"),
                Map.entry("getLocalAddr", a -> "127.0.0.1"),
                Map.entry("getRemoteAddr", a -> client),
                Map.entry("isAsyncStarted", a -> async[0]),
                Map.entry("getAsyncContext", a -> fake(AsyncContext.class, Map.of("addListener", l -> {
                    streamListeners.add((AsyncListener) l[0]);
                    return null;
                })))));
        Map<String, String> headers = new HashMap<>();
        int[] status = {200};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpServletResponse response = fake(HttpServletResponse.class, Map.of(
                "setHeader", a -> headers.put((String) a[0], (String) a[1]),
                "setStatus", a -> status[0] = (Integer) a[0],
                "setContentType", a -> null,
                "setContentLength", a -> null,
                "getOutputStream", a -> new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                }));
        boolean[] passed = {false};
        Runnable inside = insideServlet;
        insideServlet = () -> { };
        FilterChain chain = (req, res) -> {
            passed[0] = true;
            inside.run();
            async[0] = streamStaysOpen && path.equals("/api/events");
        };
        filter.doFilter(request, response, chain);
        return new Outcome(passed[0], status[0], headers, body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void beyondTheBurstA429WithRetryAfterAndAJsonError() throws Exception {
        GuardFilter filter = filter(1, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(send(filter, "10.0.0.7", "GET", "/api/devices", false).passed());
        }
        Outcome limited = send(filter, "10.0.0.7", "POST", "/api/sessions", false);
        assertEquals(false, limited.passed());
        assertEquals(429, limited.status());
        assertEquals("1", limited.headers().get("Retry-After"));
        assertTrue(limited.body().startsWith("{\"error\":\"too many requests"), limited.body());
        assertTrue(limited.body().endsWith("\"details\":[]}"), limited.body());
        assertEquals("DENY", limited.headers().get("X-Frame-Options"), "refusals carry the protective headers too");
        assertTrue(send(filter, "10.0.0.8", "GET", "/api/devices", false).passed(), "another client has its own");
    }

    @Test
    void theEmergencyStopIsNeverLimitedNorCounted() throws Exception {
        GuardFilter filter = filter(1, 2, 0);
        for (int i = 0; i < 500; i++) {
            assertTrue(send(filter, "10.0.0.7", "POST", "/api/devices/sim-1/estop", false).passed(), "stop " + i);
            assertTrue(send(filter, "10.0.0.7", "POST", "/api/estop", false).passed());
        }
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/devices", false).passed(), "500 stops took nothing");
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/devices", false).passed());
        assertEquals(429, send(filter, "10.0.0.7", "GET", "/api/devices", false).status());
        assertTrue(send(filter, "10.0.0.7", "POST", "/api/devices/sim-1/estop", false).passed(), "limited, still stops");
    }

    @Test
    void eventStreamsPerClientAndTheirPlacesGivenBackWhenTheyEnd() throws Exception {
        GuardFilter filter = filter(0, 1, 2);
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/events", true).passed());
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/events", true).passed());
        Outcome third = send(filter, "10.0.0.7", "GET", "/api/events", true);
        assertEquals(429, third.status());
        assertEquals(Long.toString(GuardFilter.STREAMS_RETRY_SECONDS), third.headers().get("Retry-After"));
        assertTrue(third.body().contains("event streams"), third.body());
        assertTrue(send(filter, "10.0.0.8", "GET", "/api/events", true).passed(), "another client has its own");

        assertEquals(3, streamListeners.size(), "each open stream is watched until it ends");
        streamListeners.get(0).onComplete(null);
        streamListeners.get(0).onError(null); // a second end of the same stream gives nothing back twice
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/events", true).passed(), "a place again");
        assertEquals(429, send(filter, "10.0.0.7", "GET", "/api/events", true).status());

        streamListeners.get(1).onTimeout(null);
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/events", false).passed(), "answered at once (e.g. 503)");
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/events", false).passed(), "... so its place is back at once");
    }

    @Test
    void requestsInProgressBeyondTheClientsShareAre429AtOnceAndTheStopStillPasses() throws Exception {
        GuardFilter filter = filter(0, 1, 0, 2);
        Outcome[] nested = new Outcome[3];
        insideServlet = () -> call(() -> {
            insideServlet = () -> call(() -> {
                nested[1] = send(filter, "10.0.0.7", "GET", "/api/devices", false);
                nested[2] = send(filter, "10.0.0.7", "POST", "/api/devices/sim-1/estop", false);
                return null;
            });
            nested[0] = send(filter, "10.0.0.7", "GET", "/api/devices", false);
            return null;
        });
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/devices", false).passed());
        assertTrue(nested[0].passed(), "the second request in progress is within the share");
        assertEquals(429, nested[1].status(), "a third while two are in progress");
        assertTrue(nested[1].body().contains("requests in progress"), nested[1].body());
        assertTrue(nested[2].passed(), "the emergency stop is never held back");
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/devices", false).passed(), "their places are back");
    }

    @Test
    void aRefusedUploadIsNotReadAndItsConnectionIsClosed() throws Exception {
        GuardFilter filter = filter(1, 1, 0);
        assertTrue(send(filter, "10.0.0.7", "GET", "/api/devices", false).passed());
        contentLength = 200_000; // the fake request has no body to read: reading it fails the test
        Outcome refused = send(filter, "10.0.0.7", "POST", "/api/sessions", false);
        assertEquals(429, refused.status());
        assertEquals("close", refused.headers().get("Connection"), "the unread body ends the connection");
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void call(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
