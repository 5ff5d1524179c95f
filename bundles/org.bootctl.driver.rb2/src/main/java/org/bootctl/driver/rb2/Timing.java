package org.bootctl.driver.rb2;

/**
 * The driver's times, in milliseconds. {@link #DEFAULT} is what BCP/2 and the engine need;
 * nothing else is meant to change them.
 *
 * @param answerMs       how long a request (HELLO, SET_RATE, CLEAR_FAULT) waits for its answer
 * @param helloTries     HELLOs sent on one opening before giving up on it
 * @param silenceMs      no frame for this long while streaming: the device is lost
 * @param feedMs         the watchdog is fed when nothing was sent for this long (the device trips after 500)
 * @param engineStallMs  while the last command keeps air in, the watchdog is fed only while the engine sent a command this recently
 * @param stuckWriteMs   a write that has not returned after this long: the device takes no data, the port is closed
 * @param letGoMs        how long letting go waits for the ACK of its VENT_ALL
 * @param firstBackoffMs the first wait before opening again
 * @param maxBackoffMs   the wait doubles up to this
 */
public record Timing(long answerMs, int helloTries, long silenceMs, long feedMs, long engineStallMs,
                     long stuckWriteMs, long letGoMs, long firstBackoffMs, long maxBackoffMs) {

    public static final Timing DEFAULT = new Timing(1000, 2, 1000, 100, 1000, 1000, 300, 1000, 10_000);
}
