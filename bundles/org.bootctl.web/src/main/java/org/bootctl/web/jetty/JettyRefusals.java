package org.bootctl.web.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;

/**
 * Puts a JSON answer in Jetty's place for what the server refuses itself, before any servlet (a bad
 * request line, Host or Content-Length, headers too large, a path it cannot decode), instead of
 * Jetty's HTML page: as every other error ({@link ErrorText}), never logged (a client's mistake).
 * Felix HTTP (jetty12 1.1.x) has no setting for the server's error handler, but hands the running
 * {@link Server} to every {@link ConnectorFactory} service, again after each restart of Jetty: this
 * one sets the handler there, and gives back a connector that never opens a socket nor starts a thread.
 */
@Component(service = ConnectorFactory.class)
public final class JettyRefusals implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        server.setErrorHandler(new JsonHandler());
        ServerConnector main = Arrays.stream(server.getConnectors()).filter(ServerConnector.class::isInstance)
                .map(ServerConnector.class::cast).findFirst().orElse(null);
        return new Inert(server, main == null ? null : main.getHost(), main == null ? 0 : main.getPort());
    }

    private static final class JsonHandler extends ErrorHandler {

        JsonHandler() {
            setShowStacks(false);
            setShowCauses(false);
        }

        /** Every method gets a body (Jetty's own handler answers only GET, POST and HEAD with one). */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) throws IOException {
            // Jetty's reason when it is more than the status's own name ("Bad Request" adds nothing)
            String reason = message != null && message.equalsIgnoreCase(HttpStatus.getMessage(code)) ? null : message;
            byte[] body = ErrorText.json(code, reason).getBytes(StandardCharsets.UTF_8);
            response.setStatus(ErrorText.status(code));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /**
     * A connector that is never started. Felix describes every connector of the server as an
     * endpoint (osgi.http.endpoint) and takes each for a ServerConnector: this one bears the main
     * connector's address, so it adds none that is not there already.
     */
    private static final class Inert extends ServerConnector {
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
