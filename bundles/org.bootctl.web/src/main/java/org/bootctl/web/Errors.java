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
            return new ApiError(status, forClient(e.getMessage()));
        }
        if (failure instanceof IllegalArgumentException e) {
            // the API's own value checks (Settings, Plan) say what is wrong
            return new ApiError(400, forClient(e.getMessage()));
        }
        return null;
    }

    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("\\b([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)\\b:?\\s*");

    /** A message as a client may read it: the sentence, without Java class names of exceptions. */
    static String forClient(String message) {
        if (message == null || message.isBlank()) {
            return "the request was refused";
        }
        String text = CLASS_NAME.matcher(message).replaceAll("").strip();
        return text.isEmpty() ? "the request was refused" : text;
    }
}
