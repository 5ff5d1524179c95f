package org.bootctl.web.jetty;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;

/**
 * The error page of the context for every 4xx and 5xx a servlet or the container sends with
 * {@code sendError} (a method a servlet does not take, a file that is not there, a servlet that
 * failed): JSON like every other error ({@link ErrorText}), never the container's HTML, and no Java
 * class name or stack for a client.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("bootctl-errors")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx"})
public final class JsonErrorPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        byte[] body = ErrorText.json(status, message == null ? null : String.valueOf(message))
                .getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(ErrorText.status(status));
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body);
    }
}
