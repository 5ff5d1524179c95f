package org.bootctl.api.program;

import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Zone;

/**
 * What a program compiles for: the zones of a garment (distal to proximal) and its limit. The
 * engine makes it from the device ({@link #of}); a program's unit test makes one with the
 * constructor, e.g. {@code new Garment(List.of("foot", "ankle", "calf", "knee", "thigh"), 2, 130)}.
 * Immutable.
 *
 * @param zoneNames     distal (zone 1) to proximal, at least one; copied
 * @param limbs         1 or 2; a plan's zone actions apply to every limb alike
 * @param hardLimitMmHg the device's hard limit, mmHg. A program need not keep under it itself: the
 *                      engine refuses a plan with any target less than 10 mmHg under it
 */
public record Garment(List<String> zoneNames, int limbs, double hardLimitMmHg) {

    /**
     * Copies the zone names.
     *
     * @param zoneNames     distal to proximal, at least one
     * @param limbs         1 or 2
     * @param hardLimitMmHg the device's hard limit, mmHg
     * @throws IllegalArgumentException for no zones
     * @throws NullPointerException     for null zone names
     */
    public Garment {
        zoneNames = List.copyOf(zoneNames);
        if (zoneNames.isEmpty()) {
            throw new IllegalArgumentException("a garment has at least one zone");
        }
    }

    /**
     * The garment of a device: its zone names, limbs and hard limit.
     *
     * @param device the device, not null
     * @return the garment a program compiles for on that device
     */
    public static Garment of(DeviceDescription device) {
        return new Garment(device.zones().stream().map(Zone::name).toList(), device.limbs(), device.hardLimitMmHg());
    }

    /**
     * How many zones a limb has: the number of zone actions every step of a plan must have.
     *
     * @return the number of zone names
     */
    public int zones() {
        return zoneNames.size();
    }
}
