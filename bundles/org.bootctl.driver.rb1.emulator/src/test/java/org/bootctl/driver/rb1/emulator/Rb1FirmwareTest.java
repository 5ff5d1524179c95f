package org.bootctl.driver.rb1.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.sim.SimFault;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;
import org.bootctl.driver.rb1.codec.LineDecoder;

/**
 * The emulated firmware in virtual time, in front of the simulator's RB1-L4: answers, errors,
 * pace, regulation, watchdog, hard limit, latch, reset, and the injected faults.
 */
class Rb1FirmwareTest {

    private static final long MS = 1_000_000L;

    private final VirtualTimebase time = new ManualTimebase();
    private final List<String> out = new ArrayList<>();
    private final LineDecoder decoder = new LineDecoder();
    private Rb1Firmware firmware;

    private Rb1Firmware start(String simFaults, int setpointsFound, String latchedFound) {
        SimulatedDevice plant = SimulatedDevice.of("plant", Models.RB1_L4, SimFault.parseAll(simFaults, Models.RB1_L4), time, 7);
        plant.start();
        firmware = new Rb1Firmware(time, plant, new Rb1Firmware.Identity("RB1-L4", "E77", "1.0"),
                bytes -> decoder.feed(bytes, out::add), 3);
        firmware.start(setpointsFound, latchedFound);
        return firmware;
    }

    private Rb1Firmware start() {
        return start("", 0, null);
    }

    /** Sends a command line 60 ms after the previous one; returns the answer (the last line out that is not S). */
    private String send(String body) {
        return sendAfter(60, body);
    }

    private String sendAfter(long millis, String body) {
        time.advance(millis * MS);
        out.clear();
        firmware.received(body, time.nanoTime());
        return out.stream().filter(l -> !l.startsWith("S,")).reduce((a, b) -> b).orElse(null);
    }

    @Test
    void bootsAndAnswersEveryCommand() {
        start();
        assertEquals(List.of("BOOT,RB1-L4"), out);
        assertEquals("ID,RB1-L4,E77,1.0,4,120", send("ID?"));
        assertEquals("ST,NONE,0,0,0,0,0", send("ST?"));
        assertEquals("OK", send("SET,2,30"));
        assertEquals("OK", send("ALL,10,20,30,40"));
        assertEquals("ST,NONE,10,20,30,40,0", send("ST?"));
        assertTrue(send("P?").matches("P,\\d+(,-?\\d+\\.\\d){4}"));
        assertEquals("OK", send("STREAM,20"));
        time.advance(200 * MS);
        assertTrue(out.stream().filter(l -> l.startsWith("S,")).count() >= 3, "streams: " + out);
        assertEquals("OK", send("VENT"));
        assertEquals("ST,NONE,0,0,0,0,20", send("ST?"));
        assertEquals("OK", send("CLR"), "also when nothing is latched");
        assertEquals("OK", send("STREAM,0"));
        out.clear();
        time.advance(500 * MS);
        assertEquals(List.of(), out, "streaming stopped");
    }

    @Test
    void errorsAreTheProtocolsCodes() {
        start();
        assertEquals("ERR,CMD", send("HELLO"));
        assertEquals("ERR,CMD", send("id?"));
        assertEquals("ERR,ARG", send("ID?,1"));
        assertEquals("ERR,ARG", send("SET,1"));
        assertEquals("ERR,ARG", send("SET,1,2.5"));
        assertEquals("ERR,ARG", send("ALL,1,2,3"));
        assertEquals("ERR,ARG", send("STREAM,fast"));
        assertEquals("ERR,RANGE", send("SET,5,10"));
        assertEquals("ERR,RANGE", send("SET,0,10"));
        assertEquals("ERR,RANGE", send("SET,1,121"));
        assertEquals("ERR,RANGE", send("ALL,1,2,3,-4"));
        assertEquals("ERR,RANGE", send("STREAM,21"));
        time.advance(60 * MS);
        out.clear();
        firmware.rejected(LineDecoder.Reject.CHECKSUM, "$ID?*33", time.nanoTime());
        assertEquals(List.of("ERR,CHK"), out);
        firmware.rejected(LineDecoder.Reject.GARBAGE, "$ID", time.nanoTime() + 100 * MS);
        assertEquals(List.of("ERR,CHK"), out, "noise is not answered");
        assertEquals("ST,NONE,0,0,0,0,0", send("ST?"), "no error changed a thing");
    }

    @Test
    void aLineSoonerThan50msIsDroppedUnansweredButVentIsAlwaysHandled() {
        start();
        assertEquals("OK", send("ALL,20,20,20,20"));
        assertNull(sendAfter(20, "ST?"), "20 ms after the previous line");
        assertNull(sendAfter(49, "ST?"), "49 ms after the dropped one: the pace counts every line");
        assertEquals("OK", sendAfter(5, "VENT"));
        assertEquals("ST,NONE,0,0,0,0,0", sendAfter(50, "ST?"));
        List<Rb1Firmware.Fate> fates = firmware.received().stream().map(Rb1Firmware.Received::fate).toList();
        assertEquals(List.of(Rb1Firmware.Fate.HANDLED, Rb1Firmware.Fate.PACED_OUT, Rb1Firmware.Fate.PACED_OUT,
                Rb1Firmware.Fate.HANDLED, Rb1Firmware.Fate.HANDLED), fates);
    }

    @Test
    void regulatesToTheSetpointsAndAKeepAliveKeepsTheWatchdogQuiet() {
        start();
        send("STREAM,20");
        send("ALL,30,25,20,15");
        for (int i = 0; i < 30; i++) {
            time.advance(440 * MS);
            assertEquals("ST,NONE,30,25,20,15,20", send("ST?"), "keep-alive " + i);
        }
        time.advance(100 * MS);
        String[] last = out.stream().filter(l -> l.startsWith("S,")).reduce((a, b) -> b).orElseThrow().split(",");
        int[] setpoints = {30, 25, 20, 15};
        for (int z = 0; z < 4; z++) {
            double p = Double.parseDouble(last[z + 2]);
            assertTrue(Math.abs(p - setpoints[z]) <= 3, "zone " + (z + 1) + " at " + p + " for " + setpoints[z]);
        }
        assertNull(firmware.latched());
    }

    @Test
    void theWatchdogLatchesAndVentsTwoSecondsAfterTheLastCommandWhilePressurised() {
        start();
        send("STREAM,20");
        send("ALL,40,40,40,40");
        out.clear();
        time.advance(1990 * MS);
        assertTrue(out.stream().noneMatch(l -> l.startsWith("FLT")));
        time.advance(30 * MS);
        assertEquals(1, out.stream().filter(l -> l.equals("FLT,WATCHDOG")).count());
        assertArrayEquals(new int[4], firmware.setpoints(), "vented");
        assertEquals("ST,WATCHDOG,0,0,0,0,20", send("ST?"));
        assertEquals("ERR,FAULT", send("ALL,40,40,40,40"));
        assertEquals("ERR,FAULT", send("SET,1,10"));
        assertEquals("OK", send("ALL,0,0,0,0"), "venting is never refused");
        assertEquals("OK", send("CLR"));
        assertEquals("OK", send("ALL,40,40,40,40"));
    }

    @Test
    void noWatchdogWhileEverySetpointIsZero() {
        start();
        send("ALL,0,0,0,0");
        time.advance(5000 * MS);
        assertNull(firmware.latched());
    }

    @Test
    void aboveTheHardLimitLatchesOverpressureUntilTheCauseIsGone() {
        start();
        send("STREAM,20");
        send("ALL,20,20,20,20");
        out.clear();
        firmware.squeeze(3, 1000 * MS);
        time.advance(60 * MS);
        assertTrue(out.contains("FLT,OVERPRESSURE"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("S,\\d+,[-.\\d]+,[-.\\d]+,126\\.\\d,[-.\\d]+")), "zone 3 reads it: " + out);
        assertArrayEquals(new int[4], firmware.setpoints());
        assertEquals("ERR,FAULT", send("CLR"), "the cause persists");
        time.advance(1000 * MS);
        assertEquals("OK", send("CLR"));
        assertEquals("ST,NONE,0,0,0,0,20", send("ST?"));
    }

    @Test
    void aResetBootsWithEverythingOff() {
        start();
        send("STREAM,20");
        send("ALL,20,20,20,20");
        out.clear();
        firmware.reset();
        assertEquals(List.of("BOOT,RB1-L4"), out);
        assertEquals("ST,NONE,0,0,0,0,0", send("ST?"));
        out.clear();
        time.advance(300 * MS);
        assertEquals(List.of(), out, "no stream after a reset");
    }

    @Test
    void foundPressurisedOrLatchedItDoesNotBoot() {
        start("", 40, null);
        assertEquals(List.of(), out);
        assertEquals("ST,NONE,40,40,40,40,0", send("ST?"));
        time.advance(2100 * MS);
        assertEquals("WATCHDOG", firmware.latched(), "its watchdog runs from power-up");

        out.clear();
        start("", 0, "PUMP");
        assertEquals(List.of(), out);
        assertEquals("ST,PUMP,0,0,0,0,0", send("ST?"));
        assertEquals("ERR,FAULT", send("ALL,10,10,10,10"));
        assertEquals("OK", send("CLR"));
    }

    @Test
    void injectedLineFaults() {
        start();
        send("STREAM,20");
        firmware.corruptOutgoing(200 * MS);
        long before = decoder.rejected(LineDecoder.Reject.CHECKSUM);
        assertNull(send("ST?"), "its answer's checksum is wrong");
        time.advance(300 * MS);
        assertTrue(decoder.rejected(LineDecoder.Reject.CHECKSUM) - before >= 4, "S lines too");
        assertEquals("ST,NONE,0,0,0,0,20", send("ST?"), "good again");

        firmware.loseIncoming(1);
        assertNull(send("ST?"));
        assertEquals("ST,NONE,0,0,0,0,20", send("ST?"));
        firmware.corruptIncoming(1);
        assertEquals("ERR,CHK", send("ST?"));

        firmware.silence(500 * MS);
        out.clear();
        assertNull(send("ST?"));
        time.advance(400 * MS);
        assertEquals(List.of(), out, "silent");
        assertEquals("ST,NONE,0,0,0,0,20", send("ST?"));

        long garbage = decoder.garbageBytes() + decoder.rejectedTotal();
        firmware.garbage(64);
        assertTrue(decoder.garbageBytes() + decoder.rejectedTotal() > garbage);
        assertEquals("ST,NONE,0,0,0,0,20", send("ST?"), "in step again");
        List<Rb1Firmware.Fate> fates = firmware.received().stream().map(Rb1Firmware.Received::fate).toList();
        assertTrue(fates.containsAll(List.of(Rb1Firmware.Fate.LOST, Rb1Firmware.Fate.BAD_CHECKSUM, Rb1Firmware.Fate.UNHEARD)));
    }

    @Test
    void aPlantThatStopsSamplingIsASensorFault() {
        start("stall@1", 0, null);
        time.advance(1400 * MS);
        assertNull(firmware.latched(), "samples stopped at 1 s: not yet stale");
        time.advance(200 * MS);
        assertEquals("SENSOR", firmware.latched());
        assertEquals("ERR,FAULT", send("CLR"), "still no samples");
    }
}
