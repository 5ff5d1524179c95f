package org.bootctl.shell;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;

/** An AuditLog that keeps the events it is given, in order. */
final class FakeAuditLog implements AuditLog {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }
}
