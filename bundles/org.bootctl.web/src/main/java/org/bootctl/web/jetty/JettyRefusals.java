package org.bootctl.web.jetty;

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

/**
 * Puts a JSON answer in Jetty's place for what the server refuses itself, before any servlet (a bad
 * request line, Host or Content-Length, headers too large, a path it cannot decode), instead of
 * Jetty's HTML page; never logged (a client's mistake). Felix HTTP (jetty12 1.1.x) has no setting for
 * the server's error handler, but hands the running {@link Server} to every {@link ConnectorFactory}
 * service, again after each restart of Jetty: a factory calls {@link #answer} there, and gives back
 * the connector it returns, which never opens a socket nor starts a thread.
 */
public final class JettyRefusals {

    /** What the client is told: the status and the JSON body. */
    public record Answer(int status, String json) {
    }

    /** The answer to Jetty's own refusal {@code code}, with Jetty's reason (null when it has none). */
    @FunctionalInterface
    public interface Answers {
        Answer of(int code, String reason);
    }

    private JettyRefusals() {
    }

    /** Makes {@code server} refuse with {@code answers}; the connector for the factory to give back. */
    public static Connector answer(Server server, Answers answers) {
        server.setErrorHandler(new JsonHandler(answers));
        ServerConnector main = Arrays.stream(server.getConnectors()).filter(ServerConnector.class::isInstance)
                .map(ServerConnector.class::cast).findFirst().orElse(null);
        return new Inert(server, main == null ? null : main.getHost(), main == null ? 0 : main.getPort());
    }

    private static final class JsonHandler extends ErrorHandler {
        private final Answers answers;

        JsonHandler(Answers answers) {
            this.answers = answers;
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
            Answer answer = answers.of(code, message);
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            response.setStatus(answer.status());
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
