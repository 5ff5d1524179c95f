package org.bootctl.web;

import java.util.List;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionService;
import org.bootctl.web.contract.Views;

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
                .add("POST", "/estop", this::emergencyStopAll)
                .add("POST", "/devices/{id}/clear-fault", this::clearFault);
    }

    /** Never refused: the only answers are 200, or 404 for a device that is not connected. */
    private Reply emergencyStop(ApiRequest r) {
        SessionService sessions = backend.sessions();
        if (!sessions.emergencyStop(r.param("id"))) {
            throw ApiError.notFound("no device '" + r.param("id") + "' is connected");
        }
        audit(AuditEvent.ESTOP, r.param("id"), r);
        return Reply.ok(sessions.device(r.param("id")).map(Views.DeviceView::of).orElse(null));
    }

    /** Every device at once: one audit record per device stopped. */
    private Reply emergencyStopAll(ApiRequest r) {
        SessionService sessions = backend.sessions();
        sessions.emergencyStopAll();
        List<DeviceStatus> devices = sessions.devices();
        devices.forEach(d -> audit(AuditEvent.ESTOP, d.id(), r));
        return Reply.ok(devices.stream().map(Views.DeviceView::of).toList());
    }

    private Reply clearFault(ApiRequest r) throws Exception {
        backend.sessions().clearFault(r.param("id"));
        audit(AuditEvent.FAULT_CLEARED, r.param("id"), r);
        return Reply.ok(Views.DeviceView.of(device(r.param("id"))));
    }

    private void audit(String action, String deviceId, ApiRequest r) {
        backend.audit(new AuditEvent(action, AuditEvent.web(r.clientAddress()), deviceId));
    }

    private DeviceStatus device(String id) {
        return backend.sessions().device(id).orElseThrow(() -> ApiError.notFound("no device '" + id + "'"));
    }
}
