package org.bootctl.hub;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A servlet of the hub's API: each request passes the {@link Guard} first, or gets its refusal as JSON. */
abstract class GuardedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Guard guard;

    GuardedServlet(Guard guard) {
        this.guard = guard;
    }

    /** Answers a request the guard let through. */
    abstract void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException;

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Guard.Refusal refusal = guard.check(req);
        if (refusal != null) {
            ApiServlet.error(resp, refusal.status(), refusal.message());
            return;
        }
        serve(req, resp);
    }
}
