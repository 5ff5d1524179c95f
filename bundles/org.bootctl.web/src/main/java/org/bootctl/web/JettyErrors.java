package org.bootctl.web;

import java.util.Arrays;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.service.component.annotations.Component;

/**
 * Puts {@link JsonErrorHandler} in Jetty's place for errors no servlet sees. Felix HTTP (jetty12
 * 1.1.x) has no setting for the server's error handler, but hands the running {@link Server} to
 * every {@link ConnectorFactory} service, again after each restart of Jetty: that is where it is
 * set. The connector this factory must give back is {@link Inert}: it never opens a socket nor
 * starts a thread.
 */
@Component(service = ConnectorFactory.class)
public final class JettyErrors implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        server.setErrorHandler(new JsonErrorHandler());
        ServerConnector main = Arrays.stream(server.getConnectors()).filter(ServerConnector.class::isInstance)
                .map(ServerConnector.class::cast).findFirst().orElse(null);
        return new Inert(server, main == null ? null : main.getHost(), main == null ? 0 : main.getPort());
    }

    /**
     * A connector that is never started. Felix describes every connector of the server as an
     * endpoint (osgi.http.endpoint) and takes each for a ServerConnector: this one bears the main
     * connector's address, so it adds none that is not there already.
     */
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
