package org.bootctl.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bootctl.api.session.SessionException;
import org.bootctl.engine.loop.SessionRun;

/** The sessions callers can still ask about by id: every one under way and the latest {@value #KEEP_ENDED} ended. */
final class SessionTable {

    static final int KEEP_ENDED = 200;

    private final Map<String, SessionRun> sessions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> ended = new ConcurrentLinkedQueue<>();

    void add(SessionRun run) {
        sessions.put(run.id(), run);
    }

    SessionRun get(String sessionId) {
        return sessionId == null ? null : sessions.get(sessionId);
    }

    SessionRun require(String sessionId) throws SessionException {
        return NotFound.unless(get(sessionId), "no session '" + sessionId + "'");
    }

    /** {@code run} is over: the oldest ended sessions beyond {@value #KEEP_ENDED} are forgotten. */
    void ended(SessionRun run) {
        ended.add(run.id());
        while (sessions.size() > KEEP_ENDED) {
            String oldest = ended.poll();
            if (oldest == null) {
                break;
            }
            sessions.remove(oldest);
        }
    }
}
