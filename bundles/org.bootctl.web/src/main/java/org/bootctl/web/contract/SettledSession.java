package org.bootctl.web.contract;

import java.time.Duration;
import java.util.function.Predicate;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;

/**
 * The engine carries a start, pause, resume or stop out on the device's loop, a tick later: an
 * answer (REST or the fleet's {@code reply}) waits for that, at most {@link #SETTLE_MS}, so that
 * it tells the state the request led to, not the one before it.
 */
public final class SettledSession {

    /** How long an answer waits to see its request carried out; a tick (20 ms at 50 Hz) as a rule. */
    public static final long SETTLE_MS = 1000;

    private SettledSession() {
    }

    /** A start is carried out once its session has left IDLE. */
    public static boolean started(SessionState state) {
        return state != SessionState.IDLE;
    }

    /** A pause is carried out once its session is PAUSED (or has ended). */
    public static boolean paused(SessionState state) {
        return state == SessionState.PAUSED || state.isFinal();
    }

    /** A resume is carried out once its session is RUNNING (or has ended). */
    public static boolean resumed(SessionState state) {
        return state == SessionState.RUNNING || state.isFinal();
    }

    /** A stop is carried out once its session has ended. */
    public static boolean stopped(SessionState state) {
        return state.isFinal();
    }

    /**
     * The session once its device's loop has carried the request out (the state reached), or as it
     * is after {@link #SETTLE_MS} when it has not: a loop that is late never holds the answer longer.
     */
    public static SessionInfo of(SessionService sessions, SessionInfo queued, Predicate<SessionState> reached) {
        return sessions.settled(queued, reached, Duration.ofMillis(SETTLE_MS));
    }
}
