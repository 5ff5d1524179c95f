package org.bootctl.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;

/**
 * What the server refuses itself, before any servlet of the hub sees it (a request without a Host,
 * headers too large, a path it cannot decode), answered as the hub's JSON errors are (docs/HUB.md:
 * "as docs/API.md gives them"), not as Jetty's HTML page; never logged (a client's mistake). As the
 * web UI does it (org.bootctl.web's JettyErrors): Felix HTTP has no setting for the server's error
 * handler, but hands the running server to every {@link ConnectorFactory}; the connector given back
 * is never started.
 */
@Component(service = ConnectorFactory.class)
public final class HubJettyErrors implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        server.setErrorHandler(new JsonErrors());
        ServerConnector main = Arrays.stream(server.getConnectors()).filter(ServerConnector.class::isInstance)
                .map(ServerConnector.class::cast).findFirst().orElse(null);
        return new Inert(server, main == null ? null : main.getHost(), main == null ? 0 : main.getPort());
    }

    /** The hub's error shape for what Jetty answers itself; a 505 (a request line of no known version) is a client's 400. */
    static final class JsonErrors extends ErrorHandler {

        JsonErrors() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) throws IOException {
            int status = code == 505 || code < 400 || code > 599 ? 400 : code;
            JsonObject error = new JsonObject();
            error.addProperty("error", HubErrorPage.sentence(status));
            error.add("details", new JsonArray());
            byte[] body = error.toString().getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** A connector that is never started, bearing the main connector's address (Felix lists every connector as an endpoint). */
    static final class Inert extends ServerConnector {
        Inert(Server server, String host, int port) {
            super(server, 1, 1);
            setHost(host);
            setPort(port);
        }

        @Override
        protected void doStart() {
            // nothing: no socket, no acceptor, no selector
        }

        @Override
        protected void doStop() {
            // nothing was started
        }
    }
}
