package org.bootctl.driver.rb1.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.api.device.Models;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.bootctl.timebase.SystemTimebase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bootctl.driver.rb1.codec.LineCodec;
import org.bootctl.driver.rb1.codec.LineDecoder;
import org.bootctl.driver.rb1.codec.SerialLink;

/** The emulator on a real pseudo-terminal, talked to by a bare host that writes lines itself. */
@Tag("realtime")
@Tag("serial")
class Rb1EmulatorIT {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;
    private SocatPair socat;
    private SystemTimebase plantTime;
    private SimulatedDevice plant;
    private Rb1Emulator emulator;
    private SerialLink host;
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private long lastWrite;

    @BeforeEach
    void pair() throws Exception {
        SocatPair.assumeInstalled();
        socat = new SocatPair(dir).start();
        plantTime = new SystemTimebase("rb1-test-plant");
        plant = SimulatedDevice.of("plant", Models.RB1_L4, List.of(), plantTime, 3);
        plant.start();
        emulator = new Rb1Emulator(socat.device(), plant, Rb1Emulator.Options.plain());
        emulator.start();
        Waits.until("the emulator opens its port", 3000, emulator::isOpen);
        host = SerialLink.open(socat.host(), new SerialLink.Handler() {
            @Override
            public void line(String body, long nanos) {
                heard.add(body);
            }

            @Override
            public void lost(String why) {
            }
        }, "test-host");
    }

    @AfterEach
    void unpair() throws Exception {
        if (host != null) {
            host.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (plant != null) {
            plant.close();
            plantTime.close();
        }
        if (socat != null) {
            socat.kill();
        }
    }

    /**
     * Writes raw bytes at the device's pace and returns the answer (the next line that is not S);
     * like any host, sends them again when no answer came within 300 ms (a line held up on its
     * way may arrive too close to the previous one, and the device then drops it).
     */
    private String ask(String bytes) {
        long deadline = System.nanoTime() + 3000 * MS;
        while (System.nanoTime() < deadline) {
            Waits.until("the pace", 1000, () -> System.nanoTime() - lastWrite > 70 * MS);
            int from = heard.size();
            host.writeRaw(bytes.getBytes(StandardCharsets.US_ASCII));
            lastWrite = System.nanoTime();
            Waits.until("300 ms", 1000, () -> System.nanoTime() - lastWrite > 300 * MS || answerSince(from) != null);
            String answer = answerSince(from);
            if (answer != null) {
                return answer;
            }
        }
        throw new AssertionError("no answer to " + bytes.strip());
    }

    /** The first line heard since {@code from} that is not an S line, or null. */
    private String answerSince(int from) {
        List<String> now = List.copyOf(heard);
        return now.subList(from, now.size()).stream().filter(l -> !l.startsWith("S,")).findFirst().orElse(null);
    }

    /** Sends one command line, framed, and returns the answer. */
    private String command(String body) {
        return ask(LineCodec.frame(body) + "\r\n");
    }

    @Test
    void answersLinesEndedWithLfOrCrLfAndErrChkForABadChecksum() {
        assertEquals("ID,RB1-L4," + plant.description().serial() + "," + Rb1Emulator.FIRMWARE_VERSION + ",4,120",
                ask("$ID?*32\n"));
        assertEquals("ST,NONE,0,0,0,0,0", ask("$ST?*" + LineCodec.hex(LineCodec.checksum("ST?")) + "\r\n"));
        assertEquals("ERR,CHK", ask("$ID?*00\r\n"));
        assertEquals("ERR,CHK", ask("$ID?\r\n"));
    }

    @Test
    void aHostThatStopsTalkingTripsTheWatchdogAndTheDeviceVents() {
        assertEquals("OK", command("STREAM,20"));
        assertEquals("OK", command("ALL,30,30,30,30"));
        long lastCommand = lastWrite;
        // the host dies here: not another line
        Waits.until("FLT,WATCHDOG", 4000, () -> heard.contains("FLT,WATCHDOG"));
        assertTrue(System.nanoTime() - lastCommand >= Rb1Firmware.WATCHDOG_NANOS, "not before 2 s");
        assertEquals("WATCHDOG", emulator.firmware().latched());
        assertArrayEquals(new int[4], emulator.firmware().setpoints());
        int from = heard.size();
        Waits.until("every zone vented", 10_000, () -> {
            String last = heard.get(heard.size() - 1);
            return heard.size() > from && last.startsWith("S,")
                    && Arrays.stream(last.split(",")).skip(2).mapToDouble(Double::parseDouble).allMatch(p -> p < 3);
        });
        assertEquals("ST,WATCHDOG,0,0,0,0,20", command("ST?"), "latched until a host clears it");
    }

    @Test
    void unpluggedItHearsNothingAndPluggedInAgainItAnswers() {
        emulator.unplug(300 * MS);
        assertFalse(emulator.isOpen());
        Waits.until("plugged in again", 3000, emulator::isOpen);
        assertEquals("ST,NONE,0,0,0,0,0", command("ST?"), "a mains-powered unit kept running");
    }

    @Test
    void timedFaultsHappenAtTheirTimeAndAgainAtTheirPeriod() {
        emulator.close();
        emulator = new Rb1Emulator(socat.device(), plant, Rb1Emulator.Options.plain()
                .withFaults(EmulatorFault.parseAll("reset@0.2/0.3, garbage:32@0.1/0.2", 4)));
        emulator.start();
        Waits.until("three resets", 5000, () -> heard.stream().filter(l -> l.equals("BOOT,RB1-L4")).count() >= 3);
        Waits.until("garbage bursts", 3000, () -> host.garbageBytes() + host.rejected(LineDecoder.Reject.GARBAGE)
                + host.rejected(LineDecoder.Reject.CHECKSUM) > 32);
    }

    @Test
    void aPlantThatRegulatesNothingItselfIsRefused() {
        SimulatedDevice rb2 = SimulatedDevice.of("rb2", Models.RB2_L5, List.of(), plantTime, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Rb1Emulator(socat.device(), rb2, Rb1Emulator.Options.plain()));
        assertTrue(e.getMessage().contains("device-regulated"), e.getMessage());
    }
}
