package org.bootctl.api.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Past sessions: {@code history.jsonl} and the pressure traces in the data folder. Implemented by
 * the engine only ({@code @ProviderType}); UIs use it. Both methods read the disk: call them from a
 * request's thread, never from a listener or a loop.
 */
@ProviderType
public interface SessionHistory {

    /**
     * The newest {@code limit} sessions, newest first.
     *
     * @param limit the most records wanted; 0 or less gives none
     * @return the records, never null
     */
    List<SessionRecord> recent(int limit);

    /**
     * The trace CSV of a session, while it is among the last kept (see docs/TRACE.md).
     *
     * @param sessionId the session id
     * @return the file, or empty when it is no longer kept or the id is unknown
     */
    Optional<Path> trace(String sessionId);
}
