package org.bootctl.api.device;

/**
 * One measured and controlled pressure: a zone on a limb, or a zone of both limbs where the
 * device has one regulator per zone. Made by the driver (usually through
 * {@link DeviceDescription#channels}); immutable.
 *
 * @param index position in the device's channel order (0-based; the order of samples and commands)
 * @param id    {@code L1..Ln}, {@code R1..Rn}, or {@code Z1..Zn} where one pressure serves both limbs;
 *              the id fault messages, traces and the history use
 * @param zone  the zone index, 1 = distal, up to the description's zone count
 * @param limb  the limb, or null where one pressure serves both limbs
 */
public record Channel(int index, String id, int zone, Limb limb) {
}
