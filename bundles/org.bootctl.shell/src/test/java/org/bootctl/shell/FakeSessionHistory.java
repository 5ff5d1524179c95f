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
        records.add(SessionRecord.builder().id(id).deviceId(deviceId).model("RB2-L5").serial("SN-" + deviceId)
                .programId(programId).programVersion("1.2.0").settings(Settings.level(3, 20))
                .start(FakeSessionService.T0.plusSeconds(60L * minutesAfterT0))
                .end(FakeSessionService.T0.plusSeconds(60L * minutesAfterT0 + 1200)).state(state).endReason(endReason)
                .cycles(5).peakMmHg(Map.of()).fitCheckMs(Map.of()).interrupted("interrupted".equals(endReason)).build());
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
