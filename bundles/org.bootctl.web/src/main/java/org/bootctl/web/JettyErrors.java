package org.bootctl.web;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;

/**
 * Puts {@link JsonErrorHandler} in Jetty's place for errors no servlet sees. Felix HTTP (jetty12
 * 1.1.x) has no setting for the server's error handler, but hands the running {@link Server} to
 * every {@link ConnectorFactory} service, again after each restart of Jetty: that is where it is
 * set. The connector this factory must give back is an in-memory {@link LocalConnector}, which
 * opens no socket and is reached by nobody.
 */
@Component(service = ConnectorFactory.class)
public final class JettyErrors implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        server.setErrorHandler(new JsonErrorHandler());
        return new LocalConnector(server);
    }
}
