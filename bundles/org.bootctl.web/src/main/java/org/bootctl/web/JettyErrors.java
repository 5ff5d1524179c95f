package org.bootctl.web;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.bootctl.web.jetty.JettyRefusals;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;

/**
 * Jetty's answer to what it refuses itself, before any servlet (a bad request line, Host or
 * Content-Length, headers too large, an HTTP/0.9 line), as JSON like every other error of the API
 * ({@link ErrorText}) instead of Jetty's HTML page; set where Felix HTTP lets it be
 * ({@link JettyRefusals}).
 */
@Component(service = ConnectorFactory.class)
public final class JettyErrors implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        return JettyRefusals.answer(server, (code, message) -> {
            // Jetty's reason when it is more than the status's own name ("Bad Request" adds nothing)
            String reason = message != null && message.equalsIgnoreCase(HttpStatus.getMessage(code)) ? null : message;
            return new JettyRefusals.Answer(ErrorText.status(code), Json.write(ErrorText.body(code, reason)));
        });
    }
}
