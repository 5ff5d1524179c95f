package org.bootctl.engine.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Models;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;

class DeviceInboxTest {

    private final DeviceInbox inbox = new DeviceInbox(
            DeviceDescription.of("d1", Models.find("RB2-L5").orElseThrow(), "S1", "fw", 50), new ManualTimebase());

    /** A loop that no longer ticks never drains the inbox: a driver reporting on and on must not fill the memory. */
    @Test
    void faultsNoTickTakesAreBoundedTheFirstKeptTheRestCounted() {
        int reports = 100_000;
        for (int i = 0; i < reports; i++) {
            inbox.deviceFault(new DeviceFault(i == 0 ? DeviceFault.Kind.OVERPRESSURE : DeviceFault.Kind.WATCHDOG, 0, "#" + i));
        }
        List<DeviceFault> waiting = drain();
        assertEquals(DeviceInbox.MOST_REPORTED, waiting.size());
        assertEquals(DeviceFault.Kind.OVERPRESSURE, waiting.get(0).kind(), "the first cause is kept");
        assertEquals("#" + (DeviceInbox.MOST_REPORTED - 1), waiting.get(waiting.size() - 1).detail(), "in order");
        assertEquals(reports - DeviceInbox.MOST_REPORTED, inbox.droppedReports());
    }

    @Test
    void aTickThatTakesThemMakesRoomAgain() {
        for (int i = 0; i < DeviceInbox.MOST_REPORTED + 5; i++) {
            inbox.deviceFault(new DeviceFault(DeviceFault.Kind.SENSOR, 1, "first batch"));
        }
        assertEquals(DeviceInbox.MOST_REPORTED, drain().size());
        inbox.deviceFault(new DeviceFault(DeviceFault.Kind.PUMP, -1, "after the tick"));
        List<DeviceFault> next = drain();
        assertEquals(1, next.size());
        assertEquals(DeviceFault.Kind.PUMP, next.get(0).kind());
        assertEquals(5, inbox.droppedReports());
        inbox.deviceFault(null);
        assertNull(inbox.pollReported(), "nothing reported, nothing waits");
    }

    private List<DeviceFault> drain() {
        List<DeviceFault> all = new ArrayList<>();
        for (DeviceFault f = inbox.pollReported(); f != null; f = inbox.pollReported()) {
            all.add(f);
        }
        return all;
    }
}
