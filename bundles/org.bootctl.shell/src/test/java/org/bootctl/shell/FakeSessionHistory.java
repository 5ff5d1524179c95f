package org.bootctl.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;

/** Past sessions from a list, newest first, remembering what was asked. */
final class FakeSessionHistory implements SessionHistory {

    final List<SessionRecord> records = new ArrayList<>();
    final List<Integer> requested = new ArrayList<>();

    FakeSessionHistory add(String id, String deviceId, String programId, int minutesAfterT0, SessionState state,
                           String endReason) {
        records.add(new SessionRecord(id, deviceId, "RB2-L5", "SN-" + deviceId, programId, "1.2.0",
                Settings.level(3, 20), FakeSessionService.T0.plusSeconds(60L * minutesAfterT0),
                FakeSessionService.T0.plusSeconds(60L * minutesAfterT0 + 1200), state, endReason, null, 5,
                Map.of(), Map.of(), "interrupted".equals(endReason)));
        return this;
    }

    @Override
    public List<SessionRecord> recent(int limit) {
        requested.add(limit);
        return List.copyOf(records.subList(0, Math.min(limit, records.size())));
    }

    @Override
    public Optional<Path> trace(String sessionId) {
        return Optional.empty();
    }
}
