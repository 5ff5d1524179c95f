package org.bootctl.fleet;

import java.net.URI;
import java.net.URISyntaxException;

/** {@code mqtt://HOST[:PORT]} (plain, default port 1883) or {@code mqtts://HOST[:PORT]} (TLS, 8883). */
record BrokerAddress(String host, int port, boolean tls) {

    static BrokerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker '" + url + "' is not an address: give mqtt://HOST:PORT or mqtts://HOST:PORT");
        }
        String scheme = uri.getScheme();
        if (!"mqtt".equals(scheme) && !"mqtts".equals(scheme)) {
            throw new IllegalArgumentException("broker '" + url + "' must start with mqtt:// or mqtts:// (TLS)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("broker '" + url + "' names no host: give mqtt://HOST:PORT");
        }
        if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) || uri.getQuery() != null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("broker '" + url + "': only mqtt://HOST:PORT; the user and password"
                    + " go in --var fleet-user= and --var fleet-password-file=");
        }
        boolean tls = scheme.equals("mqtts");
        int port = uri.getPort() < 0 ? (tls ? 8883 : 1883) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker '" + url + "': the port must be 1..65535");
        }
        return new BrokerAddress(uri.getHost(), port, tls);
    }

    /** As Paho names it: {@code tcp://} or {@code ssl://}. */
    String pahoUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "ssl://" : "tcp://") + h + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + host + ":" + port;
    }
}
