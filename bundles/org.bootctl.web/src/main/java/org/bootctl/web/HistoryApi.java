package org.bootctl.web;

import java.util.List;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.Views;

/** {@code /api/history}: past sessions, newest first, and each one's trace CSV. */
final class HistoryApi {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final Backend backend;

    HistoryApi(Backend backend) {
        this.backend = backend;
    }

    void routes(Router router) {
        router.add("GET", "/history", r -> {
            SessionHistory history = backend.history();
            return Reply.ok(history.recent(limit(r.query("limit"))).stream()
                    .map(record -> Views.RecordView.of(record, history.trace(record.id()).isPresent())).toList());
        }).add("GET", "/history/{id}/trace", r -> Reply.file(backend.history().trace(r.param("id"))
                .orElseThrow(() -> ApiError.notFound("no trace of session '" + r.param("id") + "'")),
                "text/csv; charset=utf-8"));
    }

    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String message = "limit must be a whole number 1.." + MAX_LIMIT + ", not " + text;
        throw new ApiError(400, message, List.of(new FieldError("limit", message)));
    }
}
