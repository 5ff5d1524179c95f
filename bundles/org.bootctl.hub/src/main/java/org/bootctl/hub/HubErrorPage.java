package org.bootctl.hub;

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
 * The error page of the hub's context for every 4xx and 5xx the container sends (a dashboard file
 * that is not there, a method the page's files do not take, a servlet that failed): JSON like every
 * other error of the hub (docs/HUB.md, "REST API"), never the container's HTML, and no Java class
 * name or stack for a client.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("bootctl-hub-errors")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx"})
public final class HubErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 500;
        response.resetBuffer();
        ApiServlet.error(response, status, sentence(status));
    }

    /** What the client is told: the status in words, never the server's own reason (it may name a class). */
    static String sentence(int status) {
        return switch (status) {
            case 400 -> "the request cannot be read";
            case 404 -> "no such path";
            case 405 -> "this method is not allowed here";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request is too large";
            case 414 -> "the request's address is too long";
            case 431 -> "the request's headers are too large";
            default -> status < 500 ? "the request was refused" : "the hub could not answer; its log has the details";
        };
    }
}
