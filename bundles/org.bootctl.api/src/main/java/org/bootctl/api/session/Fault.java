package org.bootctl.api.session;

/**
 * Why a session or device stopped for safety, in words a person can act on. Made by the engine
 * (drivers report {@code DeviceFault}s, which the engine turns into these); a UI shows {@code message}.
 *
 * @param cause         what went wrong, e.g. {@code over-pressure}
 * @param channel       the channel id ({@code L3}, {@code Z2}), or null where no channel is concerned
 * @param zone          the zone number, or 0
 * @param pressureMmHg  the pressure seen on that channel (or the highest seen where no channel is concerned)
 * @param message       the whole sentence, e.g. {@code over-pressure in zone 3 (calf, left): 127.4 mmHg}
 */
public record Fault(String cause, String channel, int zone, double pressureMmHg, String message) {
}
