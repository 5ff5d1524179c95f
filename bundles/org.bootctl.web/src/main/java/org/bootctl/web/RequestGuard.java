package org.bootctl.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a request may reach the API, from its headers alone (issue 6, "Security"):
 * a web page elsewhere must not drive the boots, and with a token set nobody off this machine may
 * change anything without it. Emergency stop is always let through.
 */
final class RequestGuard {

    /** What the guard looks at of one request. */
    record Facts(String method, String path, String contentType, long contentLength, boolean chunked, String origin,
                 String host, String scheme, String localAddress, boolean remoteLoopback, String authorization) {
    }

    /**
     * Let through (status 0), or the answer to give instead (with a Retry-After, when above 0, and an
     * Allow header, when not null).
     */
    record Verdict(int status, String message, long retryAfterSeconds, String allow) {
        static final Verdict ALLOW = new Verdict(0, null);

        Verdict(int status, String message) {
            this(status, message, 0);
        }

        Verdict(int status, String message, long retryAfterSeconds) {
            this(status, message, retryAfterSeconds, null);
        }

        boolean allowed() {
            return status == 0;
        }
    }

    private static final Pattern EMERGENCY_STOP = Pattern.compile("/api/(devices/[^/]+/)?estop/?");
    private static final Pattern PROGRAM_ADMIN = Pattern.compile("/api/programs(/.*)?");
    /** Admin reads: with a token set they need it from every client, this machine included. */
    private static final Pattern ADMIN_READ = Pattern.compile("/api/bundles/?");
    /** The API's routes, to tell a method a path does not take (405) before asking for JSON (415). */
    private static final Router API_ROUTES = ApiServlet.routes(null, null, new Router());
    private static final Set<String> READ_ONLY = new java.util.TreeSet<>(Set.of("GET", "HEAD"));
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Stands for a token that is white space only: no digest of a request's text is ever this. */
    private static final byte[] UNMATCHABLE = new byte[0];

    private final byte[] tokenDigest;
    private final Set<String> extraHosts;

    /**
     * @param token      the access token, or empty for none
     * @param extraHosts host names accepted besides localhost and the bound address (a kiosk's own name)
     */
    RequestGuard(String token, Set<String> extraHosts) {
        // a token of white space alone (an em space, a no-break space …) is no usable token: rather than
        // no token at all (the launcher refuses to start with one) it is a token nobody can send
        this.tokenDigest = token == null || token.isEmpty() ? null
                : blank(token) ? UNMATCHABLE : sha256(token.trim());
        this.extraHosts = extraHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    /** Nothing but white space, in any script: Unicode's spaces, line ends and format marks. */
    static boolean blank(String token) {
        return token.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    boolean hasToken() {
        return tokenDigest != null;
    }

    /** An emergency stop: let through from anyone, in any form, always, never counted nor limited. */
    static boolean emergencyStop(Facts r) {
        return emergencyStop(r.method(), r.path());
    }

    static boolean emergencyStop(String method, String path) {
        return "POST".equalsIgnoreCase(method) && path != null && EMERGENCY_STOP.matcher(path).matches();
    }

    Verdict check(Facts r) {
        String method = r.method().toUpperCase(Locale.ROOT);
        if (emergencyStop(r)) {
            return Verdict.ALLOW; // safety first
        }
        if (!hostAllowed(r.host(), r.localAddress())) {
            return new Verdict(403, "Host '" + r.host() + "' is not this server: use its address or localhost");
        }
        if (tokenDigest != null && ADMIN_READ.matcher(r.path()).matches() && !tokenMatches(r.authorization())) {
            return unauthorized(r);
        }
        if (!mutating(method)) {
            return Verdict.ALLOW;
        }
        if (r.origin() != null && !r.origin().equalsIgnoreCase(r.scheme() + "://" + r.host())) {
            return new Verdict(403, "requests from origin '" + r.origin() + "' may not change anything here");
        }
        boolean programAdmin = PROGRAM_ADMIN.matcher(r.path()).matches();
        if (tokenDigest != null && (programAdmin || !r.remoteLoopback()) && !tokenMatches(r.authorization())) {
            return unauthorized(r);
        }
        Verdict wrongMethod = wrongMethod(method, r.path());
        if (wrongMethod != null) {
            return wrongMethod; // issue 6: a wrong method is 405, whatever its content type; its body is never read
        }
        boolean hasBody = r.contentLength() > 0 || r.chunked();
        if (!("DELETE".equals(method) && !hasBody) && !isJson(r.contentType())) {
            return new Verdict(415, "a request that changes something must be sent as Content-Type: application/json");
        }
        if (r.contentLength() > Bodies.LIMIT) {
            return new Verdict(413, Bodies.tooLarge(Bodies.LIMIT).getMessage());
        }
        return Verdict.ALLOW;
    }

    /**
     * 405 for a method a path of this bundle does not take (an API route, the event stream, the page
     * and its files), with the methods it does; null where the method is taken or the path is not ours.
     */
    static Verdict wrongMethod(String method, String path) {
        Set<String> allowed;
        if (GuardFilter.EVENTS_PATH.equals(path)) {
            allowed = READ_ONLY;
        } else if (path.startsWith("/api/")) {
            allowed = API_ROUTES.allowed(path.substring("/api".length()));
        } else if (path.equals("/") || StaticPaths.entry(path).isPresent()) {
            allowed = READ_ONLY;
        } else {
            return null;
        }
        if (allowed.isEmpty() || allowed.contains(method)) {
            return null;
        }
        return new Verdict(405, method + " is not allowed here; use " + String.join(" or ", allowed), 0,
                String.join(", ", allowed));
    }

    private static Verdict unauthorized(Facts r) {
        return new Verdict(401, r.authorization() == null
                ? "this request needs the access token: Authorization: Bearer <token>"
                : "the access token is wrong");
    }

    static boolean mutating(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    /** localhost, a loopback address, the address the request came in on, or a configured name (DNS rebinding). */
    boolean hostAllowed(String hostHeader, String localAddress) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostName(hostHeader).toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || extraHosts.contains(host)) {
            return true;
        }
        Optional<InetAddress> literal = literal(host);
        if (literal.isEmpty()) {
            return false;
        }
        if (literal.get().isLoopbackAddress()) {
            return true;
        }
        return localAddress != null && literal(localAddress).map(literal.get()::equals).orElse(false);
    }

    /** The host part of a Host header: {@code [::1]:8080} gives {@code [::1]}, {@code a:80} gives {@code a}. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** An IP literal as an address, without ever asking DNS; empty for a name. */
    static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = IPV4.matcher(h).matches();
        boolean v6 = h.contains(":") && h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("application/json");
    }

    /**
     * Whether an Authorization header carries the token. Compares SHA-256 digests, always 32 bytes,
     * with {@link MessageDigest#isEqual} (constant time): neither the token's content nor its length
     * leaks through timing. The time depends on the length of what the client sent, nothing else.
     */
    boolean tokenMatches(String authorization) {
        if (tokenDigest == null || tokenDigest == UNMATCHABLE) {
            return false;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
