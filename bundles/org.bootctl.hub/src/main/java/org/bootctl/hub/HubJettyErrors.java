package org.bootctl.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.bootctl.web.jetty.JettyRefusals;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;

/**
 * What the server refuses itself, before any servlet of the hub sees it (a request without a Host,
 * headers too large, a path it cannot decode), answered as the hub's JSON errors are (docs/HUB.md:
 * "as docs/API.md gives them"), not as Jetty's HTML page ({@link JettyRefusals}, as the web UI does).
 */
@Component(service = ConnectorFactory.class)
public final class HubJettyErrors implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        return JettyRefusals.answer(server, (code, reason) -> {
            // a 505 (a request line of no known version) is a client's 400; the reason is never shown (it may name a class)
            int status = code == 505 || code < 400 || code > 599 ? 400 : code;
            JsonObject error = new JsonObject();
            error.addProperty("error", HubErrorPage.sentence(status));
            error.add("details", new JsonArray());
            return new JettyRefusals.Answer(status, error.toString());
        });
    }
}
