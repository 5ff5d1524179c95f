package org.bootctl.api.program;

import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Zone;

/**
 * What a program compiles for: the zones of a garment (distal to proximal) and its limit.
 *
 * @param zoneNames     distal (zone 1) to proximal
 * @param limbs         1 or 2; a plan's zone actions apply to every limb alike
 * @param hardLimitMmHg the device's hard limit
 */
public record Garment(List<String> zoneNames, int limbs, double hardLimitMmHg) {

    public Garment {
        zoneNames = List.copyOf(zoneNames);
        if (zoneNames.isEmpty()) {
            throw new IllegalArgumentException("a garment has at least one zone");
        }
    }

    public static Garment of(DeviceDescription device) {
        return new Garment(device.zones().stream().map(Zone::name).toList(), device.limbs(), device.hardLimitMmHg());
    }

    public int zones() {
        return zoneNames.size();
    }
}
