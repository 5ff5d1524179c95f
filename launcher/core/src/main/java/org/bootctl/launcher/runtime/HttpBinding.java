package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureConfiguration;
import org.bootctl.launcher.feature.FeatureException;

/**
 * Where a feature's web server listens and whether it has an access token, as its
 * configurations say: Felix HTTP's (PID {@code org.apache.felix.http}) and the web UI's
 * (PID {@code org.bootctl.web}).
 *
 * @param configured whether the feature configures Felix HTTP at all
 * @param host       the address to listen on; loopback unless the feature says otherwise
 * @param port       the port; 0 takes any free one
 * @param token      the web UI's access token, or ""
 */
public record HttpBinding(boolean configured, String host, int port, String token) {

    public static final String HTTP_PID = "org.apache.felix.http";
    /** Felix HTTP reads both as configuration properties and, before it has one, as framework properties. */
    public static final String PORT = "org.osgi.service.http.port";
    public static final String HOST = "org.apache.felix.http.host";
    public static final String WEB_PID = "org.bootctl.web";
    public static final String TOKEN = "token";

    static final String LOOPBACK = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;

    public static HttpBinding of(Feature feature) throws FeatureException {
        return of(feature, WEB_PID);
    }

    /** As {@link #of(Feature)}, with the access token ({@code token}) in the configuration {@code tokenPid}: the hub keeps its own. */
    public static HttpBinding of(Feature feature, String tokenPid) throws FeatureException {
        Optional<Map<String, Object>> http = properties(feature, HTTP_PID);
        Map<String, Object> web = properties(feature, tokenPid).orElse(Map.of());
        Map<String, Object> values = http.orElse(Map.of());
        String host = values.containsKey(HOST) ? String.valueOf(values.get(HOST)).trim() : LOOPBACK;
        int port = DEFAULT_PORT;
        if (values.containsKey(PORT)) {
            String text = String.valueOf(values.get(PORT)).trim();
            try {
                port = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new FeatureException(feature.file(), "configuration " + HTTP_PID + ", property " + PORT
                        + ": '" + text + "' is not a port (0..65535)");
            }
        }
        String token = web.containsKey(TOKEN) ? String.valueOf(web.get(TOKEN)) : "";
        if (!token.isEmpty() && blank(token)) {
            throw new FeatureException(feature.file(), "configuration " + tokenPid + ", property " + TOKEN
                    + ": the access token is only white space, which anyone could send; give a token of visible"
                    + " characters, or leave it empty for none");
        }
        return new HttpBinding(http.isPresent(), host, port, token.trim());
    }

    /**
     * Nothing but white space, in any script (an em space, a no-break space, a line end, a format
     * mark …): such a token is refused, never taken as none. The web guard holds the same view.
     */
    public static boolean blank(String token) {
        return token.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    private static Optional<Map<String, Object>> properties(Feature feature, String pid) {
        return feature.configurations().stream()
                .filter(c -> !c.factory() && c.pid().equals(pid))
                .map(FeatureConfiguration::properties)
                .findFirst();
    }

    /**
     * The same address as framework properties. Felix HTTP starts Jetty as its bundle starts,
     * before ConfigurationAdmin has delivered its configuration: without these it would listen
     * on every interface, port 8080, for that moment.
     */
    Map<String, String> frameworkProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(HOST, host);
        properties.put(PORT, Integer.toString(port));
        return properties;
    }

    /** Whether only this machine can reach it: 127.x.x.x, ::1 or localhost (names are not looked up). */
    public boolean loopback() {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (!literal.matches("[0-9.]+") && !literal.matches("[0-9a-f:.]*:[0-9a-f:.]*")) {
            return false; // a host name: it may name any interface
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean hasToken() {
        return !token.isEmpty();
    }

    /** {@code 127.0.0.1:8080}. */
    public String address() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Fails when the port is taken, before anything starts: Felix HTTP would only log it and
     * run on without a web server. Exit 1 for a port in use, 2 for an address that is not this machine's.
     */
    public void checkAvailable() throws CommandException {
        checkAvailable("run");
    }

    /** As {@link #checkAvailable()}, for {@code command} ("run", "hub"), which its messages name. */
    public void checkAvailable(String command) throws CommandException {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty does: a port in TIME_WAIT is free to it
            probe.bind(host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            if (why.toLowerCase(Locale.ROOT).contains("in use")) {
                throw CommandException.failure(command + ": port " + port + " on "
                        + (host.isEmpty() ? "every interface" : host) + " is already in use (another bootctl "
                        + command + "?): choose another with --port N");
            }
            throw CommandException.usage(command + ": cannot listen on " + address() + ": " + why
                    + " (is it an address of this machine? see --bind)");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw CommandException.usage(command + ": cannot listen on " + address() + ": " + e.getMessage());
        }
    }
}
