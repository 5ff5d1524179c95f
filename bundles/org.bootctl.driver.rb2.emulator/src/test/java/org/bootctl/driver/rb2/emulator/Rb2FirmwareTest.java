package org.bootctl.driver.rb2.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.codec.MessageFormatException;
import org.bootctl.driver.rb2.codec.NackReason;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;

/** The firmware's behaviour, byte for byte as docs/protocols/rb2-bcp.md says, on the simulator's physics in virtual time. */
class Rb2FirmwareTest {

    private static final long MS = 1_000_000L;

    private final VirtualTimebase time = new ManualTimebase();
    private final List<Frame> sent = new ArrayList<>();
    private SimulatedDevice plant;
    private Rb2Firmware firmware;
    private int seq;
    private List<Integer> answerSeqs = List.of();

    private Rb2Firmware powerUp(ModelSpec model, double pressurise, FaultCode fault) {
        plant = SimulatedDevice.of("plant", model, List.of(), time, 3);
        plant.start();
        firmware = new Rb2Firmware(plant, time, Rb2Firmware.Identity.of(plant.description(), null, null, "fw 1.0"), sent::add);
        firmware.foundWith(pressurise, fault, FaultCode.NO_CHANNEL);
        firmware.powerUp();
        time.advance(20 * MS);
        return firmware;
    }

    private Rb2Firmware powerUp() {
        return powerUp(Models.RB2_L5, 0, null);
    }

    /** Sends a frame and returns the messages the firmware sent in answer right away. */
    private List<Message> send(Message message) {
        return send(message.frame(seq = (seq + 1) % 255));
    }

    private List<Message> send(Frame frame) {
        sent.clear();
        firmware.receive(frame);
        time.advance(0);
        answerSeqs = sent.stream().map(Frame::seq).toList();
        return drain();
    }

    private List<Message> drain() {
        List<Message> messages = new ArrayList<>();
        for (Frame frame : sent) {
            try {
                messages.add(Message.decode(frame));
            } catch (MessageFormatException e) {
                throw new AssertionError(e);
            }
        }
        sent.clear();
        return messages;
    }

    private List<Message> advance(long millis) {
        sent.clear();
        time.advance(millis * MS);
        return drain();
    }

    private static List<Message.Telemetry> telemetry(List<Message> messages) {
        return messages.stream().filter(Message.Telemetry.class::isInstance).map(Message.Telemetry.class::cast).toList();
    }

    private static Message.Nack nack(NackReason reason) {
        return Message.Nack.of(reason);
    }

    private static Message.Actuate fill(int channel, int pump, int channels) {
        byte[] valves = new byte[channels];
        valves[channel] = Message.FILL;
        return new Message.Actuate(pump, valves);
    }

    @Test
    void silentUntilAValidHelloThenInfoAndTelemetryAtTheRate() {
        powerUp();
        assertEquals(List.of(), advance(1000), "nothing streams before HELLO");
        assertEquals(List.of(nack(NackReason.BAD_VALUE)), send(new Message.Hello(3)));
        assertEquals(List.of(), advance(200), "a refused HELLO starts nothing");

        List<Message> answer = send(new Message.Hello(2));
        assertEquals(List.of(new Message.Info(2, 2, 5, 130, 300, 50, "RB2-L5", "SIM-plant", "fw 1.0")), answer);
        assertEquals(List.of(seq), answerSeqs, "INFO carries the HELLO's seq");

        List<Message.Telemetry> frames = telemetry(advance(1000));
        assertTrue(frames.size() >= 49 && frames.size() <= 51, frames.size() + " frames in one second at 50 Hz");
        for (int i = 1; i < frames.size(); i++) {
            assertEquals((frames.get(i - 1).count() + 1) & 0xFFFF, frames.get(i).count());
        }
        Message.Telemetry t = frames.get(frames.size() - 1);
        assertEquals(10, t.channels());
        assertEquals(0, t.status());
        assertEquals(0, t.faultCode());
        assertEquals(0xFF, t.faultChannel());
        for (int i = 0; i < 10; i++) {
            assertEquals(Message.VENT, t.valve(i), "all vent after power-up");
            assertTrue(Math.abs(t.pressure(i)) < 2, "about zero: " + t.pressure(i));
        }
    }

    @Test
    void actuateIsCheckedThenAppliedAndArmsTheWatchdog() {
        powerUp();
        send(new Message.Hello(2));
        assertEquals(List.of(nack(NackReason.BAD_LENGTH)), send(new Message.Actuate(100, new byte[9])));
        byte[] bad = new byte[10];
        bad[4] = 3;
        assertEquals(List.of(nack(NackReason.BAD_VALUE)), send(new Message.Actuate(100, bad)));
        assertEquals(List.of(nack(NackReason.UNKNOWN_TYPE)), send(new Frame(0x09, 1, new byte[0])));

        assertEquals(List.of(), send(fill(2, 255, 10)), "ACTUATE has no answer");
        List<Message.Telemetry> frames = List.of();
        for (int i = 0; i < 10; i++) {
            frames = telemetry(advance(100));
            send(new Message.Ping());
        }
        Message.Telemetry t = frames.get(frames.size() - 1);
        assertEquals(255, t.pump());
        assertEquals(Message.FILL, t.valve(2));
        assertEquals(Message.CLOSED, t.valve(0));
        assertTrue(t.has(Message.STATUS_PUMP) && t.has(Message.STATUS_WATCHDOG) && !t.has(Message.STATUS_FAULT));
        assertTrue(t.pressure(2) > 10, "channel 2 fills: " + t.pressure(2));
        assertTrue(t.pressure(0) < 2, "channel 0 does not: " + t.pressure(0));
    }

    /** A type of the unit's own (INFO, TELEMETRY, ...) is no host command: UNKNOWN_TYPE, whatever its payload. */
    @Test
    void aTypeOnlyTheUnitSendsIsAnUnknownTypeWhateverItsLength() {
        powerUp();
        send(new Message.Hello(2));
        for (int type : new int[] {Message.INFO, Message.TELEMETRY, Message.PONG, Message.FAULT, Message.NACK, Message.ACK}) {
            assertEquals(List.of(nack(NackReason.UNKNOWN_TYPE)), send(new Frame(type, 1, new byte[0])),
                    Message.typeName(type) + " with no payload");
            assertEquals(List.of(nack(NackReason.UNKNOWN_TYPE)), send(new Frame(type, 2, new byte[] {1, 2, 3})),
                    Message.typeName(type) + " with 3 payload bytes");
        }
        assertEquals(List.of(nack(NackReason.UNKNOWN_TYPE)), send(new Frame(0x00, 3, new byte[] {7})));
        assertEquals(List.of(nack(NackReason.UNKNOWN_TYPE)), send(new Frame(0xFF, 4, new byte[0])));
    }

    @Test
    void theWatchdogLatchesWhenTheHostStopsAndVentsEverything() {
        powerUp();
        send(new Message.Hello(2));
        send(fill(0, 255, 10));
        for (int i = 0; i < 8; i++) {
            advance(150);
            assertEquals(List.of(new Message.Pong()), send(new Message.Ping()), "fed every 150 ms: no fault");
        }
        List<Message> silence = advance(600);
        assertTrue(silence.contains(new Message.Fault(FaultCode.WATCHDOG.code(), 0xFF)), "FAULT WATCHDOG within 600 ms");
        Message.Telemetry t = telemetry(advance(100)).get(0);
        assertEquals(FaultCode.WATCHDOG.code(), t.faultCode());
        assertTrue(t.has(Message.STATUS_FAULT) && !t.has(Message.STATUS_WATCHDOG) && !t.has(Message.STATUS_PUMP));
        for (int i = 0; i < 10; i++) {
            assertEquals(Message.VENT, t.valve(i));
        }
        assertEquals(List.of(nack(NackReason.IN_FAULT)), send(fill(0, 255, 10)), "refused while latched");
        assertEquals(List.of(new Message.Ack()), send(new Message.ClearFault()), "a watchdog's cause is gone");
        assertEquals(List.of(), send(fill(0, 255, 10)), "accepted again");
    }

    /** The watchdog's 500 ms are the unit's, whatever the telemetry rate: at 10 Hz it does not wait for a frame's tick. */
    @Test
    void theWatchdogTripsAt500MsEvenAtTheSlowestTelemetryRate() {
        powerUp();
        send(new Message.Hello(2));
        assertEquals(List.of(new Message.Ack()), send(new Message.SetRate(10)));
        advance(100); // on a telemetry tick: the next ones are 100 ms apart
        send(fill(0, 255, 10));
        List<Message> quiet = advance(490);
        assertFalse(quiet.stream().anyMatch(Message.Fault.class::isInstance), "no trip before 500 ms: " + quiet);
        List<Message> late = advance(30);
        assertTrue(late.contains(new Message.Fault(FaultCode.WATCHDOG.code(), 0xFF)),
                "FAULT WATCHDOG by 520 ms without a host frame, at 10 Hz too: " + late);
    }

    @Test
    void ventAllDisarmsTheWatchdogUntilTheNextActuate() {
        powerUp();
        send(new Message.Hello(2));
        send(fill(1, 200, 10));
        assertEquals(List.of(new Message.Ack()), send(new Message.VentAll()));
        List<Message.Telemetry> frames = telemetry(advance(2000));
        Message.Telemetry t = frames.get(frames.size() - 1);
        assertEquals(0, t.faultCode(), "no watchdog after VENT_ALL");
        assertTrue(t.has(Message.STATUS_VENT_ALL) && !t.has(Message.STATUS_WATCHDOG));
        assertEquals(Message.VENT, t.valve(1));
        send(fill(1, 200, 10));
        t = telemetry(advance(40)).get(0);
        assertTrue(!t.has(Message.STATUS_VENT_ALL) && t.has(Message.STATUS_WATCHDOG));
    }

    @Test
    void theHardLimitLatchesOverpressureUntilTheCauseIsGone() {
        powerUp();
        send(new Message.Hello(2));
        send(fill(3, 255, 10));
        List<Message> seen = new ArrayList<>();
        // small steps, so that the check below sees the very reading that tripped the limit
        for (int i = 0; i < 6000 && !seen.contains(new Message.Fault(1, 3)); i++) {
            seen.addAll(advance(5));
            if (i % 20 == 0) {
                send(new Message.Ping());
            }
        }
        assertTrue(seen.contains(new Message.Fault(FaultCode.OVERPRESSURE.code(), 3)), "FAULT OVERPRESSURE on channel 3");
        assertTrue(firmware.snapshot().pressures()[3] > 130, "still above the limit as it latched");
        assertEquals(List.of(nack(NackReason.IN_FAULT)), send(new Message.ClearFault()), "its cause persists");
        assertEquals(List.of(nack(NackReason.IN_FAULT)), send(fill(3, 255, 10)));
        List<Message.Telemetry> venting = telemetry(advance(4000));
        Message.Telemetry t = venting.get(venting.size() - 1);
        assertEquals(1, t.faultCode());
        assertEquals(3, t.faultChannel());
        assertTrue(t.pressure(3) < 60, "vented: " + t.pressure(3));
        assertEquals(List.of(new Message.Ack()), send(new Message.ClearFault()));
        assertEquals(0, telemetry(advance(40)).get(0).faultCode());
        assertEquals(List.of(new Message.Ack()), send(new Message.ClearFault()), "ACK also when none is latched");
    }

    @Test
    void aForcedFaultIsRefusedClearingUntilItsCauseIsReleased() {
        powerUp();
        send(new Message.Hello(2));
        sent.clear();
        firmware.forceFault(FaultCode.OVERPRESSURE, 7, true);
        assertEquals(List.of(new Message.Fault(1, 7)), drain());
        assertEquals(List.of(nack(NackReason.IN_FAULT)), send(new Message.ClearFault()));
        firmware.releaseCause();
        assertEquals(List.of(new Message.Ack()), send(new Message.ClearFault()));
    }

    @Test
    void anInjectedOverpressureReadsPastTheHardLimitBeforeItLatchesAndHoldsUntilReleased() {
        powerUp();
        send(new Message.Hello(2));
        advance(40);
        firmware.overpressure(7);
        List<Message> seen = drain();
        assertInstanceOf(Message.Telemetry.class, seen.get(0), "the reading that tripped goes out first: " + seen);
        assertEquals(136.0, ((Message.Telemetry) seen.get(0)).pressure(7), 0.05);
        assertEquals(new Message.Fault(FaultCode.OVERPRESSURE.code(), 7), seen.get(1));
        assertEquals(List.of(nack(NackReason.IN_FAULT)), send(new Message.ClearFault()), "its cause persists");
        assertTrue(telemetry(advance(200)).stream().allMatch(t -> t.pressure(7) > 130), "it keeps reading high");
        firmware.releaseCause();
        assertTrue(telemetry(advance(40)).get(0).pressure(7) < 5, "the plant's own reading again");
        assertEquals(List.of(new Message.Ack()), send(new Message.ClearFault()));
    }

    @Test
    void aResetSendsUnsolicitedInfoVentsAndWaitsForHello() {
        powerUp();
        send(new Message.Hello(2));
        send(new Message.SetRate(20));
        send(fill(0, 255, 10));
        advance(300);
        sent.clear();
        firmware.reset();
        List<Frame> frames = new ArrayList<>(sent);
        assertEquals(1, frames.size());
        assertEquals(Message.INFO, frames.get(0).type());
        assertEquals(0xFF, frames.get(0).seq());
        drain();
        assertEquals(List.of(), advance(1500), "silent until HELLO, and no watchdog");
        Rb2Firmware.Snapshot s = firmware.snapshot();
        assertFalse(s.streaming() || s.watchdogArmed() || s.faulted());
        assertEquals(0, s.pump());
        assertEquals(50, s.rateHz(), "the default rate again");
        assertTrue(new String(s.valves()).chars().allMatch(v -> v == Message.VENT));
        assertInstanceOf(Message.Info.class, send(new Message.Hello(2)).get(0));
        assertEquals(0, telemetry(advance(100)).get(0).count(), "the count starts again");
    }

    @Test
    void setRateIsCheckedAndChangesTheTelemetryRate() {
        powerUp();
        send(new Message.Hello(2));
        assertEquals(List.of(nack(NackReason.BAD_VALUE)), send(new Message.SetRate(9)));
        assertEquals(List.of(nack(NackReason.BAD_VALUE)), send(new Message.SetRate(101)));
        assertEquals(List.of(new Message.Ack()), send(new Message.SetRate(100)));
        int frames = telemetry(advance(1000)).size();
        assertTrue(frames >= 99 && frames <= 101, frames + " frames in a second at 100 Hz");
        assertEquals(100, ((Message.Info) send(new Message.Hello(2)).get(0)).rateHz(), "INFO tells the current rate");
    }

    @Test
    void foundPressurisedEveryChamberHoldsAirBeforeItTalks() {
        powerUp(Models.RB2_A4, 25, null);
        for (int i = 0; i < 600 && !firmware.snapshot().ready(); i++) {
            time.advance(100 * MS);
        }
        assertTrue(firmware.snapshot().ready(), "pressurised within a minute");
        send(new Message.Hello(2));
        Message.Telemetry t = telemetry(advance(100)).get(0);
        for (int i = 0; i < t.channels(); i++) {
            assertTrue(t.pressure(i) >= 20, "channel " + i + " holds " + t.pressure(i));
            assertEquals(Message.CLOSED, t.valve(i));
        }
        assertEquals(0, t.pump());
    }

    @Test
    void foundWithAFaultLatched() {
        powerUp(Models.RB2_M8, 0, FaultCode.POWER);
        send(new Message.Hello(2));
        Message.Telemetry t = telemetry(advance(100)).get(0);
        assertEquals(16, t.channels());
        assertTrue(t.has(Message.STATUS_FAULT));
        assertEquals(FaultCode.POWER.code(), t.faultCode());
        assertEquals(List.of(new Message.Ack()), send(new Message.ClearFault()));
    }

    @Test
    void infoCanPlayAnotherModelOnTheSamePhysics() {
        plant = SimulatedDevice.of("plant", Models.RB2_L5, List.of(), time, 3);
        Rb2Firmware.Identity identity = Rb2Firmware.Identity.of(plant.description(), "RB2-X9", "SN-1", "fw");
        assertEquals("RB2-X9", identity.model());
        assertEquals("SN-1", identity.serial());
        assertEquals(Arrays.asList(2, 5), Arrays.asList(identity.limbs(), identity.zones()));
    }
}
