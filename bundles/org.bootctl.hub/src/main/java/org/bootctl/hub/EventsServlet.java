package org.bootctl.hub;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** {@code GET /api/fleet/events}: the live stream (SSE) of units, telemetry, records and events. */
final class EventsServlet extends GuardedServlet {

    private static final long serialVersionUID = 1L;
    static final long PING_S = 15;

    private final transient LiveStream live;

    EventsServlet(Guard guard, LiveStream live) {
        super(guard);
        this.live = live;
    }

    @Override
    void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET")) {
            resp.setHeader("Allow", "GET");
            ApiServlet.error(resp, 405, req.getMethod() + " is not allowed on /api/fleet/events");
            return;
        }
        LiveStream.Client client = live.join();
        if (client == null) {
            resp.setHeader("Retry-After", "10");
            ApiServlet.error(resp, 503, "too many live streams are open (at most " + LiveStream.MAX_CLIENTS + ")");
            return;
        }
        try {
            resp.setStatus(200);
            resp.setContentType("text/event-stream;charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            OutputStream out = resp.getOutputStream();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!client.overflowed) {
                String chunk = client.queue.poll(PING_S, TimeUnit.SECONDS);
                out.write((chunk == null ? ": ping\n\n" : chunk).getBytes(StandardCharsets.UTF_8));
                out.flush(); // fails once the browser went: the loop ends
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the client went
        } finally {
            live.leave(client);
        }
    }
}
