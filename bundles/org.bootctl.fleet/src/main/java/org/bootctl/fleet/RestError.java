package org.bootctl.fleet;

import java.util.List;

/**
 * A command answered with an error, as the REST API answers the same request: the status and
 * {@code {"error": "...", "details": [...]}}.
 */
final class RestError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<?> details;

    RestError(int status, String message, List<?> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    RestError(int status, String message) {
        this(status, message, List.of());
    }

    int status() {
        return status;
    }

    ErrorBody body() {
        return new ErrorBody(getMessage(), details);
    }

    record ErrorBody(String error, List<?> details) {
    }
}
