package org.bootctl.web;

import java.util.List;
import java.util.function.Predicate;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.SettledSession;
import org.bootctl.web.contract.Views;

/**
 * {@code /api/sessions}: start, look at, pause, resume and stop sessions. The engine carries a
 * request out on the device's loop, a tick later: an answer waits for that (at most
 * {@link SettledSession#SETTLE_MS}), so that it tells the state the request led to, not the one
 * before it; the fleet's {@code reply} waits the same way.
 */
final class SessionsApi {

    private final Backend backend;

    SessionsApi(Backend backend) {
        this.backend = backend;
    }

    void routes(Router router) {
        router.add("POST", "/sessions", this::start)
                .add("GET", "/sessions/{id}", r -> Reply.ok(Views.SessionView.of(backend.sessions().session(r.param("id"))
                        .orElseThrow(() -> ApiError.notFound("no session '" + r.param("id") + "'")))))
                .add("POST", "/sessions/{id}/pause", r -> ok(settled(backend.sessions().pause(r.param("id")),
                        SettledSession::paused)))
                .add("POST", "/sessions/{id}/resume", r -> ok(settled(backend.sessions().resume(r.param("id")),
                        SettledSession::resumed)))
                .add("POST", "/sessions/{id}/stop", r -> ok(settled(backend.sessions().stop(r.param("id")),
                        SettledSession::stopped)));
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
        SessionInfo begun = settled(session, SettledSession::started);
        return Reply.created(Views.SessionView.of(begun), "/api/sessions/" + session.id());
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

    /** The session once its device's loop has carried the request out, within {@link SettledSession#SETTLE_MS}. */
    private SessionInfo settled(SessionInfo queued, Predicate<SessionState> reached) {
        return SettledSession.of(backend.sessions(), queued, reached);
    }

    private static Reply ok(SessionInfo session) {
        return Reply.ok(Views.SessionView.of(session));
    }
}
