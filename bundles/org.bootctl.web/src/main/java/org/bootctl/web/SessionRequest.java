package org.bootctl.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.StartRequest;

/** The body of {@code POST /api/sessions}: a {@link StartRequest}, refused as a 400 when a value is invalid. */
record SessionRequest(String device, String program, Settings settings) {

    /** Every invalid value at once; the first one is the error's sentence. */
    static SessionRequest parse(String body) {
        List<FieldError> errors = new ArrayList<>();
        StartRequest r = StartRequest.read(Json.object(body), Set.of(), errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new SessionRequest(r.device(), r.program(), r.settings());
    }

    static ApiError invalid(List<FieldError> errors) {
        return new ApiError(400, errors.get(0).message(), errors);
    }
}
