package org.bootctl.web;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.api.device.ModelRegistry;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionService;
import org.eclipse.jetty.io.EofException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The REST API under {@code /api} (docs/API.md): routes each request to the handler of its
 * resource and answers JSON, errors included. The engine, the program library and the history
 * may come and go; while one is away its endpoints answer 503.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("bootctl-api")
@HttpWhiteboardServletPattern("/api/*")
public final class ApiServlet extends HttpServlet implements Backend {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ApiServlet.class.getName());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SessionService sessions;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProgramLibrary library;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SessionHistory history;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditLog auditLog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ModelRegistry modelRegistry;

    private final transient Router router = new Router();
    private transient volatile BundleContext context;

    public ApiServlet() {
        routes(this, this::bundles, router);
    }

    /** Every route of the API, also for the guard, which asks it which methods a path takes (405 before 415). */
    static Router routes(Backend backend, java.util.function.Supplier<Bundle[]> bundles, Router router) {
        new DevicesApi(backend).routes(router);
        new ModelsApi(backend).routes(router);
        new ProgramsApi(backend).routes(router);
        new SessionsApi(backend).routes(router);
        new HistoryApi(backend).routes(router);
        new BundlesApi(bundles).routes(router);
        return router;
    }

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
    }

    private Bundle[] bundles() {
        BundleContext c = context;
        if (c == null) {
            throw Backend.unavailable("the list of bundles");
        }
        return c.getBundles();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        try {
            // HEAD is GET without the body (the server sends the headers only); an emergency stop is
            // taken in any form the guard lets through (e.g. "post"), as docs/API.md promises
            String method = "HEAD".equals(request.getMethod()) ? "GET"
                    : RequestGuard.emergencyStop(request.getMethod(), "/api" + request.getPathInfo()) ? "POST"
                    : request.getMethod();
            Router.Match match = router.match(method, request.getPathInfo());
            send(response, match.handler().handle(new ApiRequest(request, match.params())));
        } catch (EofException clientGone) {
            throw clientGone; // the client went away: GuardFilter notes it quietly
        } catch (Exception | LinkageError failure) {
            ApiError error = Errors.of(failure);
            if (error == null) {
                LOG.log(System.Logger.Level.ERROR, "bootctl web: " + request.getMethod() + " " + request.getRequestURI(),
                        failure);
                error = new ApiError(500, "internal error; the controller's log has the details");
            }
            if (error instanceof Router.MethodNotAllowed notAllowed) {
                response.setHeader("Allow", notAllowed.allow());
            }
            if (!response.isCommitted()) {
                response.resetBuffer();
                try {
                    sendJson(response, error.status(), error.body());
                } catch (IOException clientGone) {
                    LOG.log(System.Logger.Level.DEBUG, "bootctl web: the client went away before its "
                            + error.status() + ": " + clientGone);
                }
            }
        }
    }

    private static void send(HttpServletResponse response, Reply reply) throws IOException {
        if (reply.location() != null) {
            response.setHeader("Location", reply.location());
        }
        if (reply.file() != null) {
            response.setStatus(reply.status());
            response.setContentType(reply.contentType());
            long length = GrowingFile.completeLength(reply.file()); // a running session's trace still grows
            response.setContentLengthLong(length);
            try (OutputStream out = response.getOutputStream()) {
                GrowingFile.copy(reply.file(), length, out);
            }
        } else if (reply.status() == 204) {
            response.setStatus(204);
        } else {
            sendJson(response, reply.status(), reply.json());
        }
    }

    static void sendJson(HttpServletResponse response, int status, Object value) throws IOException {
        byte[] body = Json.write(value).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public void audit(AuditEvent event) {
        AuditLog log = auditLog;
        if (log != null) {
            try {
                log.record(event);
            } catch (RuntimeException e) {
                // an audit log that breaks its promise never turns a done stop or clear into an error
                LOG.log(System.Logger.Level.WARNING, "bootctl web: the audit log failed to record " + event.action(), e);
            }
        }
    }

    @Override
    public SessionService sessions() {
        SessionService s = sessions;
        if (s == null) {
            throw Backend.unavailable("the session engine");
        }
        return s;
    }

    @Override
    public ProgramLibrary library() {
        ProgramLibrary l = library;
        if (l == null) {
            throw Backend.unavailable("the program library");
        }
        return l;
    }

    @Override
    public ProgramLibrary libraryOrNull() {
        return library;
    }

    @Override
    public ModelRegistry models() {
        ModelRegistry m = modelRegistry;
        if (m == null) {
            throw Backend.unavailable("the model registry");
        }
        return m;
    }

    @Override
    public SessionHistory history() {
        SessionHistory h = history;
        if (h == null) {
            throw Backend.unavailable("the session history");
        }
        return h;
    }
}
