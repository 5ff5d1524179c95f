package org.bootctl.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;

/**
 * The error page of this context for every 4xx and 5xx a servlet or the container sends with
 * {@code sendError} (a method a servlet does not take, a request the container cannot decode):
 * JSON like every other error of the API, never the container's HTML.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("bootctl-errors")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx"})
public final class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setHeader("Cache-Control", "no-store");
        ApiServlet.sendJson(response, ErrorText.status(status),
                ErrorText.body(status, message == null ? null : String.valueOf(message)));
    }
}
