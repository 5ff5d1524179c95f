package org.bootctl.web;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which entry of the bundle's {@code web/} folder a request path names, if any: nothing outside it, ever. */
final class StaticPaths {

    static final String FOLDER = "web/";

    /** Segments of letters, digits, '-', '_' and '.', none starting with a dot: no "..", no hidden files. */
    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "webmanifest", "application/manifest+json");

    private StaticPaths() {
    }

    /** The bundle entry for a decoded request path ({@code /} is the page); empty for anything else. */
    static Optional<String> entry(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return Optional.of(FOLDER + "index.html");
        }
        if (path.length() > 200 || !SAFE.matcher(path).matches() || contentType(path) == null) {
            return Optional.empty();
        }
        return Optional.of(FOLDER + path.substring(1));
    }

    /** The content type by extension, or null for a kind of file the UI does not serve. */
    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(path.substring(dot + 1));
    }
}
