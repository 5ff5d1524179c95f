package org.bootctl.web;

import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionService;

/** {@code /api/devices}: list, one device, emergency stop and clear-fault; {@code /api/estop} stops all. */
final class DevicesApi {

    private final Backend backend;

    DevicesApi(Backend backend) {
        this.backend = backend;
    }

    void routes(Router router) {
        router.add("GET", "/devices", r -> Reply.ok(backend.sessions().devices().stream().map(Views.DeviceView::of).toList()))
                .add("GET", "/devices/{id}", r -> Reply.ok(Views.DeviceView.of(device(r.param("id")))))
                .add("POST", "/devices/{id}/estop", this::emergencyStop)
                .add("POST", "/estop", r -> {
                    backend.sessions().emergencyStopAll();
                    return Reply.ok(backend.sessions().devices().stream().map(Views.DeviceView::of).toList());
                })
                .add("POST", "/devices/{id}/clear-fault", this::clearFault);
    }

    /** Never refused: the only answers are 200, or 404 for a device that is not connected. */
    private Reply emergencyStop(ApiRequest r) {
        SessionService sessions = backend.sessions();
        if (!sessions.emergencyStop(r.param("id"))) {
            throw ApiError.notFound("no device '" + r.param("id") + "' is connected");
        }
        return Reply.ok(sessions.device(r.param("id")).map(Views.DeviceView::of).orElse(null));
    }

    private Reply clearFault(ApiRequest r) throws Exception {
        backend.sessions().clearFault(r.param("id"));
        return Reply.ok(Views.DeviceView.of(device(r.param("id"))));
    }

    private DeviceStatus device(String id) {
        return backend.sessions().device(id).orElseThrow(() -> ApiError.notFound("no device '" + id + "'"));
    }
}
