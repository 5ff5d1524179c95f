package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootCommandsTest {

    private static final StartOptions LEVEL_4 = new StartOptions("4", "", "", "", false, false);
    private static final Fault OVER_PRESSURE = new Fault("over-pressure", "L3", 3, 127.4,
            "over-pressure in zone 3 (calf, left): 127.4 mmHg");

    private final FakeSessionService engine = new FakeSessionService();
    private final FakeSessionHistory history = new FakeSessionHistory();
    private final FakeAuditLog audit = new FakeAuditLog();

    @BeforeEach
    void twoDevicesTwoPrograms() {
        engine.device("sim1", Models.RB2_L5).device("sim2", Models.RB1_L4)
                .program("sequential", "Sequential", "1.2.0", 2, 8)
                .program("wave", "Wave", "0.9", 4, 4);
    }

    private List<String> run(Consumer<BootCommands> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.accept(new BootCommands(engine, history, audit::record, out, ZoneOffset.UTC));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace or exception name:\n" + text);
        return text.lines().toList();
    }

    private static AuditEvent estop(String deviceId) {
        return new AuditEvent(AuditEvent.ESTOP, AuditEvent.SHELL, deviceId);
    }

    /** The value sits under its column heading. */
    private static void assertUnder(List<String> lines, String heading, int row, String value) {
        int column = lines.get(0).indexOf(heading);
        assertTrue(column >= 0, heading + " in " + lines.get(0));
        assertTrue(lines.get(row).startsWith(value, column),
                "'" + value + "' under " + heading + ":\n" + lines.get(0) + "\n" + lines.get(row));
    }

    @Nested
    class Devices {
        @Test
        void tableOfEveryDevice() {
            engine.latch("sim2", OVER_PRESSURE);
            List<String> lines = run(BootCommands::devices);
            assertEquals(3, lines.size(), String.join("\n", lines));
            assertUnder(lines, "ID", 1, "sim1");
            assertUnder(lines, "MODEL", 1, "RB2-L5");
            assertUnder(lines, "ZONES", 1, "5");
            assertUnder(lines, "LIMBS", 1, "2");
            assertUnder(lines, "REGULATION", 1, "host");
            assertUnder(lines, "STATE", 1, "IDLE");
            assertUnder(lines, "SESSION", 1, "-");
            assertUnder(lines, "FAULT", 1, "-");
            assertUnder(lines, "ID", 2, "sim2");
            assertUnder(lines, "MODEL", 2, "RB1-L4");
            assertUnder(lines, "ZONES", 2, "4");
            assertUnder(lines, "REGULATION", 2, "device");
            assertUnder(lines, "STATE", 2, "FAULT");
            assertUnder(lines, "FAULT", 2, "over-pressure in zone 3 (calf, left): 127.4 mmHg");
        }

        @Test
        void noDevices() {
            engine.devices.clear();
            assertEquals(List.of("no devices connected"), run(BootCommands::devices));
        }
    }

    @Nested
    class Programs {
        @Test
        void tableOfEveryProgram() {
            List<String> lines = run(BootCommands::programs);
            assertEquals(3, lines.size());
            assertUnder(lines, "ID", 1, "sequential");
            assertUnder(lines, "NAME", 1, "Sequential");
            assertUnder(lines, "VERSION", 1, "1.2.0");
            assertUnder(lines, "ZONES", 1, "2..8");
            assertUnder(lines, "ID", 2, "wave");
            assertUnder(lines, "VERSION", 2, "0.9");
            assertUnder(lines, "ZONES", 2, "4");
        }

        @Test
        void noPrograms() {
            engine.programs.clear();
            assertEquals(List.of("no programs available"), run(BootCommands::programs));
        }
    }

    @Nested
    class Start {
        @Test
        void printsTheSessionIdAndState() {
            List<String> lines = run(c -> c.start("sim1", "sequential", new StartOptions("4", "", "", "1,3", false, false)));
            assertEquals(List.of("started session s1 on sim1: sequential, level 4 (70 mmHg), 20 min, boost 1,3, "
                    + "ramp-in, fit check; now FIT_CHECK, 20:00 left"), lines);
            assertEquals(new Settings(4, 0, 20, Set.of(1, 3), true, true), engine.lastSettings);
        }

        @Test
        void aClientReferenceReachesTheEngineAndIsShown() {
            List<String> lines = run(c -> c.start("sim1", "sequential",
                    new StartOptions("4", "", "", "", false, false, "C-0042")));
            assertEquals(List.of("started session s1 on sim1: sequential, level 4 (70 mmHg), 20 min, "
                    + "ramp-in, fit check, client C-0042; now FIT_CHECK, 20:00 left"), lines);
            assertEquals(Settings.level(4, 20).withClient("C-0042"), engine.lastSettings);
        }

        @Test
        void aClientThatIsNotAnOpaqueCodeIsRefusedNamingTheOptionAndTheRule() {
            List<String> lines = run(c -> c.start("sim1", "sequential",
                    new StartOptions("4", "", "", "", false, false, "jane.doe@example.org")));
            assertEquals(List.of("cannot start sequential on sim1: --client must be an opaque code of 1..64 letters, "
                    + "digits, '.', '_' or '-' ([A-Za-z0-9._-]{1,64}), never a name"), lines);
            assertEquals(List.of(), engine.calls, "nothing reached the engine");
        }

        @Test
        void pressureMinutesAndFlagsReachTheEngine() {
            List<String> lines = run(c -> c.start("sim2", "wave", new StartOptions("", "85.5", "0.5", "", true, true)));
            assertEquals(List.of("started session s1 on sim2: wave, 85.5 mmHg, 0.5 min, no ramp-in, no fit check; "
                    + "now RUNNING, 0:30 left"), lines);
            assertEquals(new Settings(0, 85.5, 0.5, Set.of(), false, false), engine.lastSettings);
        }

        @Test
        void unknownDeviceNamesTheDevicesThereAre() {
            assertEquals(List.of("cannot start sequential on sim9: no device sim9; devices: sim1, sim2"),
                    run(c -> c.start("sim9", "sequential", LEVEL_4)));
            assertEquals(List.of(), engine.calls);
        }

        @Test
        void unknownDeviceWithNoneConnected() {
            engine.devices.clear();
            assertEquals(List.of("cannot start sequential on sim9: no device sim9; no devices are connected"),
                    run(c -> c.start("sim9", "sequential", LEVEL_4)));
        }

        @Test
        void unknownProgramNamesThePrograms() {
            assertEquals(List.of("cannot start pulse on sim1: no program pulse; programs: sequential, wave"),
                    run(c -> c.start("sim1", "pulse", LEVEL_4)));
            assertEquals(List.of(), engine.calls);
        }

        @Test
        void refusalPrintsTheEnginesReason() {
            engine.refuseStart = "zone 2 (ankle): target 125 mmHg is within 10 mmHg of the hard limit 130 mmHg";
            assertEquals(List.of("cannot start sequential on sim1: zone 2 (ankle): target 125 mmHg is within 10 mmHg "
                    + "of the hard limit 130 mmHg"), run(c -> c.start("sim1", "sequential", LEVEL_4)));
            assertEquals(List.of("start sim1 sequential"), engine.calls);
        }

        @Test
        void busyDeviceIsRefused() {
            engine.session("sim1", SessionState.RUNNING, 1, 0, 1000, 1000, null);
            assertEquals(List.of("cannot start sequential on sim1: device sim1 is busy"),
                    run(c -> c.start("sim1", "sequential", LEVEL_4)));
        }

        @Test
        void badBoostTextIsRefusedBeforeTheEngineIsAsked() {
            assertEquals(List.of("cannot start sequential on sim1: --boost takes zone numbers from 1 separated by "
                            + "commas, e.g. 1,3, not '1;3'"),
                    run(c -> c.start("sim1", "sequential", new StartOptions("4", "", "", "1;3", false, false))));
            assertEquals(List.of(), engine.calls);
        }

        @Test
        void boostZoneTheDeviceDoesNotHave() {
            assertEquals(List.of("cannot start sequential on sim2: --boost zone 5 does not exist: sim2 (RB1-L4) has "
                            + "zones 1..4"),
                    run(c -> c.start("sim2", "sequential", new StartOptions("4", "", "", "2,5", false, false))));
            assertEquals(List.of(), engine.calls);
        }

        @Test
        void intensityMustBeChosen() {
            assertEquals(List.of("cannot start sequential on sim1: choose the intensity: --level 1..7 or --pressure "
                            + "MMHG (10..120)"),
                    run(c -> c.start("sim1", "sequential", new StartOptions("", "", "30", "", false, false))));
            assertEquals(List.of(), engine.calls);
        }
    }

    @Nested
    class Status {
        @Test
        void everyDeviceWithItsSession() {
            engine.session("sim1", SessionState.RUNNING, 2, 3, 252_000, 948_000, null);
            engine.latch("sim2", OVER_PRESSURE);
            List<String> lines = run(BootCommands::status);
            assertEquals(3, lines.size(), String.join("\n", lines));
            assertUnder(lines, "DEVICE", 1, "sim1");
            assertUnder(lines, "STATE", 1, "RUNNING");
            assertUnder(lines, "SESSION", 1, "s1");
            assertUnder(lines, "PROGRAM", 1, "sequential");
            assertUnder(lines, "CYCLE", 1, "2");
            assertUnder(lines, "STEP", 1, "4");
            assertUnder(lines, "ELAPSED", 1, "4:12");
            assertUnder(lines, "REMAINING", 1, "15:48");
            assertUnder(lines, "REASON", 1, "-");
            assertUnder(lines, "DEVICE", 2, "sim2");
            assertUnder(lines, "STATE", 2, "FAULT");
            assertUnder(lines, "SESSION", 2, "-");
            assertUnder(lines, "REASON", 2, "over-pressure in zone 3 (calf, left): 127.4 mmHg");
        }

        @Test
        void oneSessionInDetail() {
            SessionInfo s = engine.session("sim1", SessionState.COMPLETED, 12, -1, 1_200_000, 0, "completed");
            List<String> bySession = run(c -> c.status(s.id()));
            assertEquals(List.of(
                    "session     s1",
                    "device      sim1",
                    "program     sequential 1.2.0",
                    "state       COMPLETED",
                    "cycle       12",
                    "step        -",
                    "elapsed     20:00",
                    "remaining   0:00",
                    "settings    level 4 (70 mmHg), 20 min, ramp-in, fit check",
                    "started     2025-03-01 09:30:00",
                    "ended       2025-03-01 09:40:00",
                    "end reason  completed"), bySession);
            assertEquals(bySession, run(c -> c.status("sim1")), "a device id shows its last session");
        }

        @Test
        void unknownSession() {
            assertEquals(List.of("no status for s77: no device or session s77; devices: sim1, sim2"),
                    run(c -> c.status("s77")));
        }

        @Test
        void deviceWithoutSession() {
            assertEquals(List.of("no status for sim2: device sim2 has no session"), run(c -> c.status("sim2")));
        }

        @Test
        void noDevices() {
            engine.devices.clear();
            assertEquals(List.of("no devices connected"), run(BootCommands::status));
        }
    }

    @Nested
    class PauseResumeStop {
        @Test
        void byDeviceId() {
            engine.session("sim1", SessionState.RUNNING, 1, 0, 0, 60_000, null);
            assertEquals(List.of("paused session s1 on sim1 (every zone vents, the remaining time is kept); now PAUSED, 1:00 left"), run(c -> c.pause("sim1")));
            assertEquals(List.of("resumed session s1 on sim1 (its current cycle starts again); now RUNNING, 1:00 left"), run(c -> c.resume("sim1")));
            assertEquals(List.of("stopped session s1 on sim1 (every zone vents); now STOPPED"), run(c -> c.stop("sim1")));
            assertEquals(List.of("pause s1", "resume s1", "stop s1"), engine.calls);
            assertEquals(List.of(), audit.events, "only emergency stops and clears are audited");
        }

        @Test
        void bySessionId() {
            engine.session("sim2", SessionState.RUNNING, 1, 0, 0, 60_000, null);
            assertEquals(List.of("paused session s1 on sim2 (every zone vents, the remaining time is kept); now PAUSED, 1:00 left"), run(c -> c.pause("s1")));
            assertEquals(List.of("stopped session s1 on sim2 (every zone vents); now STOPPED"), run(c -> c.stop("s1")));
        }

        @Test
        void theEnginesRefusalIsPrinted() {
            engine.session("sim1", SessionState.RUNNING, 1, 0, 0, 60_000, null);
            assertEquals(List.of("cannot resume sim1: session s1 is RUNNING, not PAUSED"), run(c -> c.resume("sim1")));
        }

        @Test
        void deviceWithoutSession() {
            assertEquals(List.of("cannot pause sim1: device sim1 has no session"), run(c -> c.pause("sim1")));
            assertEquals(List.of(), engine.calls);
        }

        @Test
        void deviceWhoseSessionEnded() {
            engine.session("sim1", SessionState.COMPLETED, 3, -1, 60_000, 0, "completed");
            assertEquals(List.of("cannot stop sim1: device sim1 has no session running (its last, s1, ended COMPLETED)"),
                    run(c -> c.stop("sim1")));
            assertEquals(List.of(), engine.calls);
        }

        @Test
        void unknownName() {
            assertEquals(List.of("cannot pause sim7: no device or session sim7; devices: sim1, sim2"),
                    run(c -> c.pause("sim7")));
            assertEquals(List.of(), engine.calls);
        }
    }

    @Nested
    class EmergencyStop {
        @Test
        void allDevicesWhenNoneIsNamed() {
            engine.session("sim1", SessionState.RUNNING, 1, 0, 0, 60_000, null);
            List<String> lines = run(BootCommands::estop);
            assertEquals(List.of("estop all"), engine.calls);
            assertEquals(List.of("EMERGENCY STOP: every channel of sim1, sim2 vents now",
                    "each device stays latched until a person clears it: boot:clear DEVICE"), lines);
            assertEquals(SessionState.STOPPED, engine.sessions.get("s1").state());
            assertEquals("emergency stop", engine.sessions.get("s1").endReason());
            assertEquals(List.of(estop("sim1"), estop("sim2")), audit.events, "one audit event per device stopped");
        }

        @Test
        void allWithNoDevices() {
            engine.devices.clear();
            assertEquals(List.of("EMERGENCY STOP sent; no devices are connected"), run(BootCommands::estop));
            assertEquals(List.of("estop all"), engine.calls);
            assertEquals(List.of(), audit.events);
        }

        @Test
        void oneDevice() {
            List<String> lines = run(c -> c.estop("sim2"));
            assertEquals(List.of("estop sim2"), engine.calls);
            assertEquals(List.of("EMERGENCY STOP: every channel of sim2 vents now",
                    "sim2 stays latched until a person clears it: boot:clear sim2"), lines);
            assertEquals(List.of(estop("sim2")), audit.events);
        }

        @Test
        void anUnknownDeviceStopsEveryDeviceInstead() {
            engine.session("sim1", SessionState.RUNNING, 1, 0, 0, 60_000, null);
            List<String> lines = run(c -> c.estop("sim3"));
            assertEquals(List.of("estop sim3", "estop all"), engine.calls);
            assertEquals(List.of("no device sim3: stopping every device instead",
                    "EMERGENCY STOP: every channel of sim1, sim2 vents now",
                    "each device stays latched until a person clears it: boot:clear DEVICE"), lines);
            assertEquals(List.of(estop("sim1"), estop("sim2")), audit.events);
        }

        @Test
        void anUnknownDeviceWithNoneConnected() {
            engine.devices.clear();
            assertEquals(List.of("no device sim3: stopping every device instead",
                    "EMERGENCY STOP sent; no devices are connected"), run(c -> c.estop("sim3")));
        }
    }

    @Nested
    class Clear {
        @Test
        void clearsTheLatchedFault() {
            engine.latch("sim1", OVER_PRESSURE);
            assertEquals(List.of("cleared sim1 (over-pressure in zone 3 (calf, left): 127.4 mmHg); state IDLE"),
                    run(c -> c.clear("sim1")));
            assertNull(engine.devices.get("sim1").fault());
            assertEquals(List.of(new AuditEvent(AuditEvent.FAULT_CLEARED, AuditEvent.SHELL, "sim1",
                    Map.of("fault", "over-pressure in zone 3 (calf, left): 127.4 mmHg"))), audit.events);
        }

        @Test
        void clearsAnEmergencyStop() {
            run(c -> c.estop("sim2"));
            run(c -> c.clear("sim2"));
            assertEquals(List.of(estop("sim2"), new AuditEvent(AuditEvent.FAULT_CLEARED, AuditEvent.SHELL, "sim2",
                    Map.of("fault", "emergency stop"))), audit.events);
        }

        @Test
        void refusalPrintsTheReason() {
            engine.latch("sim1", OVER_PRESSURE);
            engine.faultPersists = "zone 3 (calf, left) still reads 62.0 mmHg";
            assertEquals(List.of("cannot clear sim1: zone 3 (calf, left) still reads 62.0 mmHg"),
                    run(c -> c.clear("sim1")));
            assertEquals(List.of(), audit.events, "nothing was cleared");
        }

        @Test
        void nothingLatched() {
            assertEquals(List.of("sim1 had no latched fault; state IDLE"), run(c -> c.clear("sim1")));
            assertEquals(List.of(), audit.events, "nothing was cleared");
        }

        @Test
        void unknownDevice() {
            assertEquals(List.of("cannot clear sim4: no device sim4; devices: sim1, sim2"), run(c -> c.clear("sim4")));
            assertEquals(List.of(), engine.calls);
            assertEquals(List.of(), audit.events);
        }
    }

    @Nested
    class History {
        @BeforeEach
        void threeSessions() {
            history.add("s9", "sim1", "sequential", 120, SessionState.COMPLETED, "completed")
                    .add("s8", "sim2", "wave", 60, SessionState.FAULT, "over-pressure in zone 3 (calf, left): 127.4 mmHg")
                    .add("s7", "sim1", "sequential", 0, SessionState.FAULT, "interrupted");
        }

        @Test
        void newestTenByDefault() {
            List<String> lines = run(BootCommands::history);
            assertEquals(List.of(10), history.requested);
            assertEquals(4, lines.size());
            assertUnder(lines, "START", 1, "2025-03-01 11:30:00");
            assertUnder(lines, "SESSION", 1, "s9");
            assertUnder(lines, "DEVICE", 1, "sim1");
            assertUnder(lines, "PROGRAM", 1, "sequential");
            assertUnder(lines, "STATE", 1, "COMPLETED");
            assertUnder(lines, "END REASON", 1, "completed");
            assertUnder(lines, "STATE", 2, "FAULT");
            assertUnder(lines, "END REASON", 2, "over-pressure in zone 3 (calf, left): 127.4 mmHg");
            assertUnder(lines, "END REASON", 3, "interrupted");
        }

        @Test
        void newestN() {
            List<String> lines = run(c -> c.history("2"));
            assertEquals(List.of(2), history.requested);
            assertEquals(3, lines.size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-2", "ten", "1.5", ""})
        void countMustBeAWholeNumberFromOne(String count) {
            assertEquals(List.of("history takes how many sessions to show, a whole number from 1, not '" + count + "'"),
                    run(c -> c.history(count)));
            assertEquals(List.of(), history.requested);
        }

        @Test
        void empty() {
            history.records.clear();
            assertEquals(List.of("no sessions yet"), run(BootCommands::history));
        }
    }
}
