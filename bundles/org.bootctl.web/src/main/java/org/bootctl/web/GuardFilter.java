package org.bootctl.web;

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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The one place access is checked: every request of this UI passes through it ({@link RequestGuard}
 * decides), and every answer gets headers that keep other sites from framing or sniffing it.
 *
 * <p>It registers its filter service itself: a DS service would publish the configuration, the
 * token included, as service properties that every bundle can read.
 */
@Component(service = {}, immediate = true, configurationPid = WebConfig.PID)
@Designate(ocd = WebConfig.class)
public final class GuardFilter implements Filter {

    private volatile RequestGuard guard = new RequestGuard("", Set.of());
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
        guard = new RequestGuard(config.token(), Set.of(config.allowedHosts()));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
        RequestGuard.Verdict verdict = guard.check(facts(request));
        if (verdict.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        if (verdict.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"bootctl\"");
        }
        drainModestBody(request);
        ApiServlet.sendJson(response, verdict.status(), new ApiError(verdict.status(), verdict.message()).body());
    }

    /**
     * A client still uploading when a refusal (401, 403, 413 …) comes reads a closed connection
     * instead of the answer: a body up to a few times the limit is read and dropped first, so it
     * gets the answer; a larger one is cut off (Jetty closes the connection) rather than read.
     */
    private static void drainModestBody(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= DRAIN_LIMIT) {
            request.getInputStream().skipNBytes(length);
        }
    }

    private static final long DRAIN_LIMIT = 4L * Bodies.LIMIT;

    static RequestGuard.Facts facts(HttpServletRequest r) {
        // the decoded path the servlet will see, so an encoded letter cannot slip past a rule
        String path = r.getServletPath() + (r.getPathInfo() == null ? "" : r.getPathInfo());
        return new RequestGuard.Facts(r.getMethod(), path, r.getContentType(), r.getContentLengthLong(),
                r.getHeader("Transfer-Encoding") != null, r.getHeader("Origin"), r.getHeader("Host"), r.getScheme(),
                r.getLocalAddr(), loopback(r.getRemoteAddr()), r.getHeader("Authorization"));
    }

    private static boolean loopback(String remoteAddress) {
        return remoteAddress != null
                && RequestGuard.literal(remoteAddress).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
