package org.bootctl.api.session;

import java.time.Instant;
import java.util.Map;
import org.bootctl.api.program.Settings;

/**
 * One line of the history: a session however it ended.
 *
 * @param id              session id
 * @param deviceId        device id
 * @param model           device model
 * @param serial          device serial
 * @param programId       program id
 * @param programVersion  program version
 * @param settings        what was chosen
 * @param start           wall-clock start
 * @param end             wall-clock end (the last sign of life for an interrupted session)
 * @param state           the final state word; FAULT for a session cut off by a crash
 * @param endReason       completed, stopped, emergency stop, interrupted, or the fault message
 * @param fault           the fault, or null
 * @param cycles          cycles begun
 * @param peakMmHg        the highest pressure seen per channel id
 * @param fitCheckMs      fill time per zone of the fit check ("1" to ms), empty when skipped
 * @param interrupted     cut off by a crash and found on the next start
 */
public record SessionRecord(String id, String deviceId, String model, String serial, String programId,
                            String programVersion, Settings settings, Instant start, Instant end,
                            SessionState state, String endReason, Fault fault, int cycles,
                            Map<String, Double> peakMmHg, Map<String, Long> fitCheckMs, boolean interrupted) {
}
