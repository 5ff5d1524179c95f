package org.bootctl.api.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.program.Settings;
import org.junit.jupiter.api.Test;

/** {@link SessionService#settled}: the state a request led to once the loop carried it out, within its limit. */
class SettledTest {

    private static SessionInfo in(SessionState state) {
        return new SessionInfo("s-1", "sim-1", "sequential", "1.0.0", Settings.level(3, 20), state, 0, 0, 0, 0,
                null, null, null, null);
    }

    /** A service whose session reads one state after another, then the last for good; counts the reads. */
    private static SessionService reading(AtomicInteger reads, SessionState... states) {
        Iterator<SessionState> next = List.of(states).iterator();
        SessionState[] last = {states[0]};
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("session")) {
                reads.incrementAndGet();
                if (next.hasNext()) {
                    last[0] = next.next();
                }
                return Optional.of(in(last[0]));
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (SessionService) Proxy.newProxyInstance(SessionService.class.getClassLoader(),
                new Class<?>[] {SessionService.class}, handler);
    }

    @Test
    void waitsUntilTheLoopHasCarriedTheRequestOut() {
        AtomicInteger reads = new AtomicInteger();
        SessionService sessions = reading(reads, SessionState.RUNNING, SessionState.RUNNING, SessionState.PAUSED);
        SessionInfo now = sessions.settled(in(SessionState.RUNNING), s -> s == SessionState.PAUSED, Duration.ofSeconds(30));
        assertEquals(SessionState.PAUSED, now.state());
        assertEquals(3, reads.get());
    }

    @Test
    void answersAtOnceWhenTheStateIsReachedAndWithWhatThereIsAfterTheLimit() {
        AtomicInteger reads = new AtomicInteger();
        SessionService stuck = reading(reads, SessionState.RUNNING);
        assertEquals(SessionState.STOPPED, stuck.settled(in(SessionState.STOPPED), SessionState::isFinal,
                Duration.ofSeconds(30)).state());
        assertEquals(0, reads.get(), "no read when the answer is already there");
        long start = System.nanoTime();
        assertEquals(SessionState.RUNNING, stuck.settled(in(SessionState.RUNNING), SessionState::isFinal,
                Duration.ofMillis(50)).state());
        assertTrue(reads.get() > 0 && System.nanoTime() - start >= 50_000_000L, "waited its limit, reading meanwhile");
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() {
        SessionService stuck = reading(new AtomicInteger(), SessionState.RUNNING);
        Thread.currentThread().interrupt();
        try {
            assertEquals(SessionState.RUNNING, stuck.settled(in(SessionState.RUNNING), SessionState::isFinal,
                    Duration.ofSeconds(30)).state());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
