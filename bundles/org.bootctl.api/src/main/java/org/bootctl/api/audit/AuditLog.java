package org.bootctl.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps audit events in order, each stamped with the wall-clock time it was recorded. Callers
 * hold it as an optional dynamic reference: a unit without an audit log still works.
 */
@ProviderType
public interface AuditLog {

    /** Records one event. Never throws: a full disk is logged by the implementation, not the caller's problem. */
    void record(AuditEvent event);
}
