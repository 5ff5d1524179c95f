package org.bootctl.hub;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The web UI's security rules for the hub's API (docs/HUB.md), the minimum of the web bundle's
 * guard: a Host that is this server (no DNS rebinding); with a token, every request from another
 * machine needs it; mutations only as JSON, from no foreign Origin, at most {@link #BODY_LIMIT}.
 * The fleet e-stop is let through the Origin and token checks, as the web's e-stop is: stopping
 * is the safe direction. (To be shared with the web bundle's RequestGuard later.)
 */
final class Guard {

    static final int BODY_LIMIT = 16 * 1024;

    /** Let through (null) or refused with this status and message. */
    record Refusal(int status, String message) {
    }

    private final byte[] tokenDigest;
    /** Host names let through besides localhost and IP literals of this server: only these (DNS rebinding). */
    private final Set<String> allowedHosts;

    Guard(String token) {
        this(token, "");
    }

    /** {@code allowedHosts}: host names this server may be reached by, comma- or space-separated (e.g. hub.studio). */
    Guard(String token, String allowedHosts) {
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token.trim());
        this.allowedHosts = allowedHosts(allowedHosts);
    }

    static Set<String> allowedHosts(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split("[,\\s]+")).map(h -> h.trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", ""))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    Refusal check(HttpServletRequest r) {
        String method = r.getMethod().toUpperCase(Locale.ROOT);
        if (!hostAllowed(r.getHeader("Host"), r.getLocalAddr(), allowedHosts)) {
            return new Refusal(403, "Host '" + r.getHeader("Host") + "' is not this server: use its address or localhost,"
                    + " or list the name in the hub's allowed hosts (bootctl hub --var hub-allowed-hosts=NAME)");
        }
        boolean estop = estop(r);
        boolean loopback = loopback(r.getRemoteAddr());
        if (tokenDigest != null && !loopback && !estop && !tokenMatches(r.getHeader("Authorization"))) {
            return new Refusal(401, r.getHeader("Authorization") == null
                    ? "this request needs the access token: Authorization: Bearer <token>" : "the access token is wrong");
        }
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return null;
        }
        String origin = r.getHeader("Origin");
        if (!estop && origin != null && !origin.equalsIgnoreCase(r.getScheme() + "://" + r.getHeader("Host"))) {
            return new Refusal(403, "requests from origin '" + origin + "' may not change anything here");
        }
        String type = r.getContentType();
        // as docs/API.md and bootctl run: a DELETE without a body needs no type (it is then answered 405 here)
        boolean hasBody = r.getContentLengthLong() > 0 || "chunked".equalsIgnoreCase(r.getHeader("Transfer-Encoding"));
        boolean json = type != null && type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("application/json");
        if (!json && !(method.equals("DELETE") && !hasBody)) {
            return new Refusal(415, "a request that changes something must be sent as Content-Type: application/json");
        }
        if (r.getContentLengthLong() > BODY_LIMIT) {
            return new Refusal(413, "the body is over " + BODY_LIMIT + " bytes");
        }
        return null;
    }

    /**
     * The request's path below its context, decoded ({@code %65} is {@code e}: the server has refused
     * the encodings that could hide a separator already), so that every rule and route sees the path the
     * client named, however it spelt it.
     */
    static String path(HttpServletRequest r) {
        String p = r.getRequestURI();
        String c = r.getContextPath();
        String raw = c != null && !c.isEmpty() && p.startsWith(c) ? p.substring(c.length()) : p;
        try {
            return raw.indexOf('%') < 0 ? raw : java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a bad escape: the server refuses it before this; as it came otherwise
        }
    }

    /**
     * The fleet e-stop, {@code POST /api/fleet/estop}, as the web UI takes its own: with a trailing
     * {@code /} and the method in any letter case too, so that no spelling of a stop is refused.
     */
    static boolean estop(HttpServletRequest r) {
        String path = path(r);
        return "POST".equalsIgnoreCase(r.getMethod()) && (path.equals("/api/fleet/estop") || path.equals("/api/fleet/estop/"));
    }

    private boolean tokenMatches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).trim()));
    }

    static boolean hostAllowed(String hostHeader, String localAddress) {
        return hostAllowed(hostHeader, localAddress, Set.of());
    }

    /** localhost, a loopback address, the address the request came in on, or one of {@code names} (no other name: DNS rebinding). */
    static boolean hostAllowed(String hostHeader, String localAddress, Set<String> names) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String host = h.startsWith("[") ? h.substring(0, Math.max(h.indexOf(']') + 1, 1))
                : h.lastIndexOf(':') < 0 ? h : h.substring(0, h.lastIndexOf(':'));
        if (host.equals("localhost") || names.contains(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)) {
            return true;
        }
        InetAddress literal = literal(host);
        if (literal == null) {
            return false;
        }
        return literal.isLoopbackAddress() || (localAddress != null && literal.equals(literal(localAddress)));
    }

    static boolean loopback(String address) {
        InetAddress a = literal(address);
        return a != null && a.isLoopbackAddress();
    }

    /** An IP literal, never asking DNS; null for a name. */
    static InetAddress literal(String host) {
        if (host == null) {
            return null;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.contains(":") && h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
