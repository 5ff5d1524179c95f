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
