package org.bootctl.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a method and a path under {@code /api} to a handler, by templates such as
 * {@code /programs/{id}/plan}. A path no template matches is 404; a path some template matches
 * with another method is 405 naming the allowed ones.
 */
final class Router {

    @FunctionalInterface
    interface Handler {
        Reply handle(ApiRequest request) throws Exception;
    }

    /** A handler and the path's {@code {name}} values. */
    record Match(Handler handler, Map<String, String> params) {
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    Match match(String method, String path) {
        String[] segments = segments(path == null ? "" : path);
        for (Route route : routes) {
            Map<String, String> params = bind(route.segments, segments);
            if (params != null && route.method.equals(method)) {
                return new Match(route.handler, params);
            }
        }
        TreeSet<String> allowed = allowed(path);
        if (allowed.isEmpty()) {
            throw ApiError.notFound("no such path: /api" + (path == null ? "" : path));
        }
        throw new MethodNotAllowed(method, allowed);
    }

    /** The methods a path takes (HEAD wherever GET), sorted; empty for a path no template matches. */
    TreeSet<String> allowed(String path) {
        String[] segments = segments(path == null ? "" : path);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (bind(route.segments, segments) != null) {
                allowed.add(route.method);
                if (route.method.equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        return allowed;
    }

    /** 405, with the methods the path takes (for the Allow header). */
    static final class MethodNotAllowed extends ApiError {
        private static final long serialVersionUID = 1L;
        private final String allow;

        MethodNotAllowed(String method, TreeSet<String> allowed) {
            super(405, method + " is not allowed here; use " + String.join(" or ", allowed));
            this.allow = String.join(", ", allowed);
        }

        String allow() {
            return allow;
        }
    }

    private static Map<String, String> bind(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (!plausibleValue(path[i])) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /**
     * A path value is a name, never a way elsewhere: not empty, not {@code .} or {@code ..}, no
     * backslash, no control character (ids reach the library and the history, which make file
     * names of them; this holds whatever they check themselves).
     */
    static boolean plausibleValue(String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
