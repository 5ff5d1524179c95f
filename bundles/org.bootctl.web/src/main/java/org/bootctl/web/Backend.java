package org.bootctl.web;

import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.device.ModelRegistry;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionService;

/** The services the API answers from; each throws 503 while its bundle is not there. */
interface Backend {

    SessionService sessions();

    ProgramLibrary library();

    SessionHistory history();

    /** The models the present drivers describe. */
    ModelRegistry models();

    /** The library when it is there, else null (listing programs works without it). */
    ProgramLibrary libraryOrNull();

    /** Keeps a record of something done, when an audit log is there; never fails the request. */
    void audit(AuditEvent event);

    static ApiError unavailable(String what) {
        return new ApiError(503, what + " is not available right now");
    }
}
