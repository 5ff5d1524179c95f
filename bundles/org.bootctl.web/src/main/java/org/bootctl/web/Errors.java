package org.bootctl.web;

import org.bootctl.api.session.SessionException;

/** The HTTP answer to what a handler threw. */
final class Errors {

    private Errors() {
    }

    /** An ApiError for any failure; null for one that is a bug here (answered 500). */
    static ApiError of(Throwable failure) {
        if (failure instanceof ApiError error) {
            return error;
        }
        if (failure instanceof SessionException e) {
            int status = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case REFUSED -> 400;
                case CONFLICT -> 409;
            };
            return new ApiError(status, e.getMessage());
        }
        if (failure instanceof IllegalArgumentException e) {
            // the API's own value checks (Settings, Plan) say what is wrong
            return new ApiError(400, e.getMessage());
        }
        return null;
    }
}
