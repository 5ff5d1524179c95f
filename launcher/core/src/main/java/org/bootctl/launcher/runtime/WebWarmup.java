package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends the controller's own web server a few rounds of harmless requests of each kind a client
 * makes, once it is up: an emergency stop for a device that does not exist (404, nothing stopped,
 * nothing audited), the device list, an event stream opened and closed, and a session start with
 * an empty body (400). A cold server (classes not yet loaded through the framework's class loaders,
 * code not yet compiled) answered the first emergency stops of a sudden flood in 1.5 to 3.8 s;
 * warmed, they stay well under a second (docs/RELIABILITY.md). The rounds are spaced to stay
 * inside one client's rate limit, and a round that fails ends the warm-up quietly: it is an
 * optimisation, never a condition of running.
 */
public final class WebWarmup {

    /** Rounds and their spacing: about a second, and 80 requests, within the default burst of 100. */
    static final int ROUNDS = 20;
    static final long SPACING_MS = 50;
    private static final int TIMEOUT_MS = 5_000;
    private static final String NO_DEVICE = "warm-up-no-such-device";

    private final InetSocketAddress server;
    private final String host;
    private final String authorization;

    private WebWarmup(InetSocketAddress server, String host, String token) {
        this.server = server;
        this.host = host;
        this.authorization = token == null || token.isEmpty() ? "" : "Authorization: Bearer " + token + "\r\n";
    }

    /** Warms the server at {@code url} (the ready line's address) on a daemon thread of its own. */
    public static void inBackground(URI url, String token) {
        if (url.getHost() == null || url.getPort() < 0) {
            return; // an address it cannot read: the warm-up only speeds up the first answers, never ends bootctl
        }
        String address = "0.0.0.0".equals(url.getHost()) || "[::]".equals(url.getHost()) ? "127.0.0.1" : url.getHost();
        WebWarmup warmup = new WebWarmup(new InetSocketAddress(address, url.getPort()),
                url.getHost() + ":" + url.getPort(), token);
        Thread thread = new Thread(warmup::run, "bootctl-web-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Warms the server at {@code server} on this thread; false if a request failed. */
    public static boolean now(InetSocketAddress server, String token) {
        WebWarmup warmup = new WebWarmup(server, server.getHostString() + ":" + server.getPort(), token);
        return warmup.rounds();
    }

    private void run() {
        rounds();
    }

    private boolean rounds() {
        List<String> requests = List.of(
                request("POST", "/api/devices/" + NO_DEVICE + "/estop", null, null),
                request("GET", "/api/devices", null, null),
                request("GET", "/api/events", "Accept: text/event-stream\r\n", null),
                request("POST", "/api/sessions", "Content-Type: application/json\r\n", "{}"));
        try {
            for (int round = 0; round < ROUNDS; round++) {
                for (String request : requests) {
                    if (OsgiRuntime.signalled()) {
                        return true; // Ctrl-C as it warms up: a request to a server that is stopping shows a stack trace
                    }
                    send(request);
                }
                Thread.sleep(SPACING_MS);
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String request(String method, String path, String headers, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + authorization
                + (headers == null ? "" : headers) + "Content-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + (body == null ? "" : body);
    }

    /** One request; reads the status line and, for anything but a stream, the answer to its end. */
    private void send(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(12);
            if (status.length < 12) {
                throw new IOException("no answer");
            }
            if (!request.contains("text/event-stream")) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }
}
