package org.bootctl.api.session;

import java.time.Instant;
import org.bootctl.api.program.Settings;

/**
 * A session as it is now. Immutable; a new one is made on every change. Made by the engine, given
 * to UIs by {@link SessionService} and {@link SessionListener}.
 *
 * @param id             unique id
 * @param deviceId       the device it runs on
 * @param programId      the program's id
 * @param programVersion the program's version
 * @param settings       what was chosen
 * @param state          the state word
 * @param cycle          1-based; 0 before the first cycle
 * @param step           index in the cycle, -1 outside one
 * @param elapsedMs      session time so far (fit check and pauses excluded)
 * @param remainingMs    time left
 * @param startedAt      wall-clock start
 * @param endedAt        wall-clock end, or null while it runs
 * @param endReason      why it ended (completed, stopped, emergency stop, the fault message), or null
 * @param fault          the fault that ended it, or null
 */
public record SessionInfo(String id, String deviceId, String programId, String programVersion, Settings settings,
                          SessionState state, int cycle, int step, long elapsedMs, long remainingMs,
                          Instant startedAt, Instant endedAt, String endReason, Fault fault) {
}
