package org.bootctl.launcher.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.bootctl.launcher.cli.CommandException;

/**
 * The fleet's names and broker addresses as the command line checks them (exit 2), before
 * anything starts; the fleet bundle checks them again for itself.
 */
public final class FleetNames {

    static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private FleetNames() {
    }

    public static String site(String site) throws CommandException {
        name("site", site);
        if (site.equals("all")) {
            throw CommandException.usage("site 'all' is not a site name: bootctl/v1/all/ holds the programs for every site");
        }
        return site;
    }

    public static String unit(String unit) throws CommandException {
        name("unit", unit);
        if (unit.equals("programs")) {
            throw CommandException.usage("unit 'programs' is not a unit name: bootctl/v1/SITE/programs/ holds the site's programs");
        }
        return unit;
    }

    private static void name(String what, String name) throws CommandException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CommandException.usage(what + " '" + name + "' is not a fleet name: 1 to 32 of a-z, 0-9 and -");
        }
    }

    /** {@code mqtt://HOST[:PORT]} or {@code mqtts://HOST[:PORT]}, as Paho names it ({@code tcp://}, {@code ssl://}). */
    public static String broker(String url) throws CommandException {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw CommandException.usage("broker '" + url + "' is not an address: give mqtt://HOST:PORT or mqtts://HOST:PORT");
        }
        boolean tls = "mqtts".equals(uri.getScheme());
        if (!tls && !"mqtt".equals(uri.getScheme())) {
            throw CommandException.usage("broker '" + url + "' must start with mqtt:// or mqtts:// (TLS)");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null
                || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            throw CommandException.usage("broker '" + url + "': give mqtt://HOST:PORT (user and password separately)");
        }
        int port = uri.getPort() < 0 ? (tls ? 8883 : 1883) : uri.getPort();
        return (tls ? "ssl://" : "tcp://") + uri.getHost() + ":" + port;
    }
}
