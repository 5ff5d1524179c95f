package org.bootctl.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One API request as a handler sees it: path values, query and body. */
final class ApiRequest {

    private final HttpServletRequest http;
    private final Map<String, String> params;

    ApiRequest(HttpServletRequest http, Map<String, String> params) {
        this.http = http;
        this.params = params;
    }

    /** A {@code {name}} value of the path. */
    String param(String name) {
        return params.get(name);
    }

    /** Every query parameter, the first value of each. */
    Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        parameters().forEach((name, values) -> query.put(name, values.length == 0 ? "" : values[0]));
        return query;
    }

    String query(String name) {
        String[] values = parameters().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** The query's parameters; a query the server cannot decode (a bad %-escape) is the client's mistake: 400. */
    private Map<String, String[]> parameters() {
        try {
            return http.getParameterMap();
        } catch (RuntimeException undecodable) {
            throw ApiError.badRequest("the query cannot be read: every % must start an escape such as %20");
        }
    }

    /** The address of the client that sent it, as the audit log names its source. */
    String clientAddress() {
        return http.getRemoteAddr();
    }

    /** The body as text, at most {@link Bodies#LIMIT}. */
    String body() throws IOException {
        return Bodies.read(http.getInputStream(), Bodies.LIMIT);
    }
}
