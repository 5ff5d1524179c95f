package org.bootctl.api.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Past sessions: {@code history.jsonl} and the pressure traces in the data folder. */
@ProviderType
public interface SessionHistory {

    /** The newest {@code limit} sessions, newest first. */
    List<SessionRecord> recent(int limit);

    /** The trace CSV of a session, while it is among the last kept (see docs/TRACE.md). */
    Optional<Path> trace(String sessionId);
}
