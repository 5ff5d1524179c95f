package org.bootctl.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EofException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The one place access is checked: every request of this UI passes through it. An emergency stop
 * goes straight through; anything else is first counted against its client's request rate
 * ({@link RateLimiter}) and its share of requests in flight ({@link ClientQuota}), then
 * {@link RequestGuard} decides, and an event stream must fit its client's share of streams. All
 * of it before any body is read: a refused request's body is never read, its connection is
 * closed instead, so a client cannot hold a server thread with an upload it was refused. Every
 * answer gets headers that keep other sites from framing or sniffing it.
 *
 * <p>It registers its filter service itself: a DS service would publish the configuration, the
 * token included, as service properties that every bundle can read.
 */
@Component(service = {}, immediate = true, configurationPid = WebConfig.PID)
@Designate(ocd = WebConfig.class)
public final class GuardFilter implements Filter {

    static final String EVENTS_PATH = "/api/events";
    private static final System.Logger LOG = System.getLogger(GuardFilter.class.getName());
    /** Retry-After of a client that holds all its event streams: a browser retries by itself anyway. */
    static final long STREAMS_RETRY_SECONDS = 10;

    /** The rules of one configuration, swapped as a whole when it changes. */
    private record Rules(RequestGuard guard, RateLimiter rate, ClientQuota inFlight, ClientQuota streams) {
    }

    private volatile Rules rules = new Rules(new RequestGuard("", Set.of()), new RateLimiter(0, 1, 0, 0),
            new ClientQuota(0), new ClientQuota(0));
    private ServiceRegistration<Filter> registration;

    @Activate
    void activate(BundleContext context, WebConfig config) {
        configure(config);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME, "bootctl-guard");
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN, "/*");
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_ASYNC_SUPPORTED, Boolean.TRUE);
        registration = context.registerService(Filter.class, this, properties);
    }

    @Modified
    void configure(WebConfig config) {
        rules = new Rules(new RequestGuard(config.token(), Set.of(config.allowedHosts())),
                new RateLimiter(config.rateLimit(), config.rateBurst(), RateLimiter.MAX_CLIENTS, System.nanoTime()),
                new ClientQuota(config.requestsInFlightPerClient()), new ClientQuota(config.eventStreamsPerClient()));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        try {
            filter(req, res, chain);
        } catch (EofException clientGone) {
            // the client hung up or reset before its answer was written: its doing, nothing to log loudly
            LOG.log(System.Logger.Level.DEBUG, "bootctl web: a client went away before its answer: " + clientGone);
        }
    }

    private void filter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
        Rules r = rules;
        String method = request.getMethod();
        String path = path(request);
        if (RequestGuard.emergencyStop(method, path)) {
            chain.doFilter(request, response); // safety first: never counted, never refused
            return;
        }
        String client = String.valueOf(request.getRemoteAddr());
        long waitNanos = r.rate().admit(client, System.nanoTime());
        if (waitNanos > 0) {
            refuse(request, response, tooManyRequests(r.rate(), waitNanos));
            return;
        }
        if (!r.inFlight().tryOpen(client)) {
            refuse(request, response, new RequestGuard.Verdict(429, "this client has " + r.inFlight().perClient()
                    + " requests in progress already; wait for their answers", 1));
            return;
        }
        try {
            guarded(request, response, chain, r, client, method, path);
        } finally {
            r.inFlight().closed(client); // an event stream's request ends here too: it goes on asynchronously
        }
    }

    private static void guarded(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Rules r,
            String client, String method, String path) throws IOException, ServletException {
        RequestGuard.Verdict verdict = r.guard().check(facts(request, method, path));
        if (verdict.allowed() && isEventStream(method, path)) {
            if (r.streams().tryOpen(client)) {
                streamThrough(request, response, chain, r.streams(), client);
                return;
            }
            verdict = new RequestGuard.Verdict(429, "this client has " + r.streams().perClient()
                    + " event streams open already; close one first", STREAMS_RETRY_SECONDS);
        }
        if (verdict.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        refuse(request, response, verdict);
    }

    static RequestGuard.Verdict tooManyRequests(RateLimiter rate, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new RequestGuard.Verdict(429, "too many requests: at most " + Math.round(rate.perSecond())
                + " a second from one client, in bursts of up to " + rate.burst() + "; try again in " + seconds + " s",
                seconds);
    }

    private static boolean isEventStream(String method, String path) {
        return "GET".equalsIgnoreCase(method) && EVENTS_PATH.equals(path);
    }

    /** Lets an event stream through and gives its place back when it ends, however it ends. */
    private static void streamThrough(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            ClientQuota streams, String client) throws IOException, ServletException {
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                streams.closed(client);
            }
        };
        boolean async = false;
        try {
            chain.doFilter(request, response);
            async = request.isAsyncStarted() && listen(request, new StreamEnd(end));
        } finally {
            if (!async) {
                end.run();
            }
        }
    }

    private static boolean listen(HttpServletRequest request, AsyncListener listener) {
        try {
            request.getAsyncContext().addListener(listener);
            return true;
        } catch (IllegalStateException completedMeanwhile) {
            return false; // the stream ended before the listener could be added
        }
    }

    /** Runs once the asynchronous event stream ends. */
    private record StreamEnd(Runnable end) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            end.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            end.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // still the same stream
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, RequestGuard.Verdict verdict)
            throws IOException {
        if (verdict.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"bootctl\"");
        }
        if (verdict.allow() != null) {
            response.setHeader("Allow", verdict.allow());
        }
        if (verdict.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        }
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            // the body is left unread, and the connection closed after the answer: reading it would
            // give a refused client a server thread for as long as it likes to send
            response.setHeader("Connection", "close");
        }
        ApiServlet.sendJson(response, verdict.status(), new ApiError(verdict.status(), verdict.message()).body());
    }

    /** The decoded path the servlet will see, so an encoded letter cannot slip past a rule. */
    private static String path(HttpServletRequest r) {
        String info = r.getPathInfo();
        return info == null ? r.getServletPath() : r.getServletPath() + info;
    }

    private static RequestGuard.Facts facts(HttpServletRequest r, String method, String path) {
        return new RequestGuard.Facts(method, path, r.getContentType(), r.getContentLengthLong(),
                r.getHeader("Transfer-Encoding") != null, r.getHeader("Origin"), r.getHeader("Host"), r.getScheme(),
                r.getLocalAddr(), loopback(r.getRemoteAddr()), r.getHeader("Authorization"));
    }

    private static boolean loopback(String remoteAddress) {
        return remoteAddress != null
                && RequestGuard.literal(remoteAddress).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
