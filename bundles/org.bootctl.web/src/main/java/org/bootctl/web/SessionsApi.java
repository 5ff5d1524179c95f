package org.bootctl.web;

import java.util.List;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.Views;

/** {@code /api/sessions}: start, look at, pause, resume and stop sessions. */
final class SessionsApi {

    private final Backend backend;

    SessionsApi(Backend backend) {
        this.backend = backend;
    }

    void routes(Router router) {
        router.add("POST", "/sessions", this::start)
                .add("GET", "/sessions/{id}", r -> Reply.ok(Views.SessionView.of(backend.sessions().session(r.param("id"))
                        .orElseThrow(() -> ApiError.notFound("no session '" + r.param("id") + "'")))))
                .add("POST", "/sessions/{id}/pause", r -> ok(backend.sessions().pause(r.param("id"))))
                .add("POST", "/sessions/{id}/resume", r -> ok(backend.sessions().resume(r.param("id"))))
                .add("POST", "/sessions/{id}/stop", r -> ok(backend.sessions().stop(r.param("id"))));
    }

    private Reply start(ApiRequest r) throws Exception {
        SessionRequest request = SessionRequest.parse(r.body());
        checkBoostZones(request);
        SessionInfo session;
        try {
            session = backend.sessions().start(request.device(), request.program(), request.settings());
        } catch (SessionException e) {
            // the engine knows only valid programs: one the library lists as invalid is the request's mistake
            ApiError invalid = e.reason() == SessionException.Reason.NOT_FOUND
                    ? ProgramsApi.notValid(backend, request.program()) : null;
            throw invalid != null ? invalid : e;
        }
        return Reply.created(Views.SessionView.of(session), "/api/sessions/" + session.id());
    }

    /** A boost zone the device does not have is the request's mistake: 400 naming boost. */
    private void checkBoostZones(SessionRequest request) {
        backend.sessions().device(request.device()).ifPresent(device -> {
            int zones = device.description().zoneCount();
            for (int zone : request.settings().boostZones()) {
                if (zone > zones) {
                    String message = "boost zone " + zone + " does not exist on " + device.description().model()
                            + " (zones 1.." + zones + ")";
                    throw new ApiError(400, message, List.of(new FieldError("boost", message)));
                }
            }
        });
    }

    private static Reply ok(SessionInfo session) {
        return Reply.ok(Views.SessionView.of(session));
    }
}
