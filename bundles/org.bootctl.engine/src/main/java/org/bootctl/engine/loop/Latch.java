package org.bootctl.engine.loop;

import org.bootctl.api.session.Fault;

/**
 * A fault latched on a device until a person clears it.
 *
 * @param fault      what is shown
 * @param fromDevice the device reported it (its firmware latched it): clearing asks the device too
 * @param estop      an emergency stop, not a fault: the session ends STOPPED
 */
public record Latch(Fault fault, boolean fromDevice, boolean estop) {
}
