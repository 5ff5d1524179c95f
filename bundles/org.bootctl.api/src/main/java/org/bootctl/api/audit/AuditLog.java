package org.bootctl.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps audit events in order, each stamped with the wall-clock time it was recorded. Callers
 * hold it as an optional dynamic reference: a unit without an audit log still works. Implemented by
 * bootctl's audit bundle only ({@code @ProviderType}); any bundle may record.
 */
@ProviderType
public interface AuditLog {

    /**
     * Records one event. Never throws: a full disk is logged by the implementation, not the
     * caller's problem. Thread-safe and quick: the implementation stamps the event and queues
     * it for a writer thread of its own, so no caller waits for the disk.
     *
     * @param event what was done; null is ignored
     */
    void record(AuditEvent event);
}
