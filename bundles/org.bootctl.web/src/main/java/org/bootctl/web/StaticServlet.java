package org.bootctl.web;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The page: files of this bundle's {@code web/} folder, at {@code /} (only what {@link StaticPaths} allows). */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("bootctl-page")
@HttpWhiteboardServletPattern("/")
public final class StaticServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient Bundle bundle;

    @Activate
    void activate(BundleContext context) {
        bundle = context.getBundle();
    }

    /** The page is only read: any other method is 405, in JSON like every error. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws jakarta.servlet.ServletException,
            IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD");
        ApiServlet.sendJson(response, 405, new ApiError(405, method + " is not allowed here; use GET or HEAD").body());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<URL> entry = StaticPaths.entry(path).map(bundle::getEntry);
        if (entry.isEmpty()) {
            ApiServlet.sendJson(response, 404, ApiError.notFound("no such page: " + path).body());
            return;
        }
        String name = entry.get().getPath();
        response.setContentType(StaticPaths.contentType(name));
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = entry.get().openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
