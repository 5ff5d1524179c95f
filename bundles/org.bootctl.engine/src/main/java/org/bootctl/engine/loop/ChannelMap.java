package org.bootctl.engine.loop;

import org.bootctl.api.device.DeviceDescription;

/** Which channels belong to which zone: a zone's actions apply to every channel of it (both limbs). */
public final class ChannelMap {

    private final int[][] channelsOfZone;
    private final int[] zoneOfChannel;

    public ChannelMap(DeviceDescription device) {
        zoneOfChannel = new int[device.channelCount()];
        channelsOfZone = new int[device.zoneCount() + 1][];
        for (int z = 1; z <= device.zoneCount(); z++) {
            final int zone = z;
            channelsOfZone[z] = device.channels().stream().filter(c -> c.zone() == zone)
                    .mapToInt(c -> c.index()).toArray();
        }
        for (int c = 0; c < zoneOfChannel.length; c++) {
            zoneOfChannel[c] = device.channel(c).zone();
        }
    }

    public int zones() {
        return channelsOfZone.length - 1;
    }

    public int channels() {
        return zoneOfChannel.length;
    }

    /** The channels of zone {@code zone} (1-based); do not modify. */
    public int[] channelsOf(int zone) {
        return channelsOfZone[zone];
    }

    public int zoneOf(int channel) {
        return zoneOfChannel[channel];
    }
}
