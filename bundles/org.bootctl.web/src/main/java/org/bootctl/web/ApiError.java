package org.bootctl.web;

import java.util.List;

/**
 * A request that cannot be answered with what was asked: the HTTP status, a sentence for a person,
 * and details (field errors, validator errors) for a program. Answered as
 * {@code {"error": "...", "details": [...]}}.
 */
class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<?> details;

    ApiError(int status, String message, List<?> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    int status() {
        return status;
    }

    List<?> details() {
        return details;
    }

    /** The body of the answer. */
    ErrorBody body() {
        return new ErrorBody(getMessage(), details);
    }

    record ErrorBody(String error, List<?> details) {
    }
}
