package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands as Gogo runs them: registered under the functions the DS descriptor lists, typed as a
 * person types them, options parsed by Gogo's own runtime.
 */
class BootShellGogoTest {

    private final FakeSessionService engine = new FakeSessionService();
    private final FakeSessionHistory history = new FakeSessionHistory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ThreadIOImpl threadIO;
    private CommandProcessorImpl processor;
    private CommandSession session;
    private BootShell shell;

    /** The component descriptor bnd wrote. */
    static String descriptor() throws IOException {
        try (InputStream xml = BootShellGogoTest.class.getResourceAsStream("/OSGI-INF/org.bootctl.shell.BootShell.xml")) {
            assertNotNull(xml, "the DS descriptor is built before the tests run");
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The osgi.command.function values bnd wrote into the component descriptor. */
    static Set<String> functions() throws IOException {
        String text = descriptor();
        assertTrue(text.contains("<property name=\"osgi.command.scope\" type=\"String\" value=\"boot\"/>"), text);
        Matcher m = Pattern.compile("<property name=\"osgi.command.function\" type=\"String\">([^<]*)</property>")
                .matcher(text);
        assertTrue(m.find(), text);
        return new TreeSet<>(m.group(1).strip().lines().map(String::strip).toList());
    }

    @BeforeEach
    void gogo() throws IOException {
        engine.device("sim1", Models.RB2_L5).device("sim2", Models.RB1_L4)
                .program("sequential", "Sequential", "1.2.0", 2, 8);
        threadIO = new ThreadIOImpl();
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        shell = new BootShell(engine, history, listener -> () -> { });
        for (String function : functions()) {
            processor.addCommand("boot", shell, function);
        }
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
    }

    @AfterEach
    void stopGogo() {
        session.close();
        processor.stop();
        threadIO.stop();
    }

    private List<String> execute(String line) throws Exception {
        out.reset();
        session.execute(line);
        System.out.flush();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void stopSaysWhatItDidAndTheStateItLedTo() throws Exception {
        engine.session("sim1", SessionState.RUNNING, 1, 0, 30_000, 90_000, null);
        engine.answersWithStateBefore = true;
        assertEquals(List.of("stopped session s1 on sim1 (every zone vents); now STOPPED"), execute("boot:stop sim1"));
    }

    /**
     * A program plugin's name, a unit's fault text or the history's end reason with ESC sequences or
     * line breaks is printed as text: it cannot clear the screen (a fault gone from sight) or forge a line.
     */
    @Test
    void hostileNamesAndMessagesArePrintedAsTextNotAsTerminalControls() throws Exception {
        engine.program("evil", "Evil\u001b[2J\u001b[H", "1.0\nbootctl ready: forged", 2, 8);
        engine.latch("sim1", new org.bootctl.api.session.Fault("over-pressure", "L3", 3, 127.4,
                "over-pressure on L3\r\u001b[Kall clear \u202egnp.exe"));
        List<String> programs = execute("boot:programs");
        assertEquals(3, programs.size(), programs.toString());
        assertTrue(programs.get(2).contains("Evil\\x1b[2J\\x1b[H") && programs.get(2).contains("1.0\\x0abootctl ready"),
                programs.get(2));
        List<String> devices = execute("boot:devices");
        assertEquals(3, devices.size(), devices.toString());
        assertTrue(devices.get(1).endsWith("over-pressure on L3\\x0d\\x1b[Kall clear \\u202egnp.exe"), devices.get(1));
        String all = String.join("\n", programs) + String.join("\n", devices);
        assertTrue(all.chars().noneMatch(c -> c == 0x1b || c == '\r' || c == 0x202e), all);
        assertEquals(OVERVIEW_LINES, execute("boot:boot").size() - 1, "the overview's own lines stay lines");
    }

    private static final int OVERVIEW_LINES = (int) BootShell.OVERVIEW.lines().count();

    @Test
    void aCommandWithoutItsOperandSaysWhatItTakesAndDoesNothing() throws Exception {
        engine.session("sim1", SessionState.RUNNING, 1, 0, 30_000, 90_000, null);
        for (String command : List.of("pause", "resume", "stop", "clear", "watch")) {
            List<String> lines = execute("boot:" + command);
            assertEquals(1, lines.size(), command + ": " + lines);
            assertTrue(lines.get(0).startsWith(command + " needs ") && lines.get(0).contains("e.g. boot:" + command
                    + " sim1; nothing done (devices: sim1, sim2)"), lines.get(0));
        }
        assertEquals(SessionState.RUNNING, engine.session("s1").orElseThrow().state(), "the session runs on");
    }

    /** More operands than a command takes: it says what it takes, not Gogo's "Cannot coerce stop(Token, Token)". */
    @Test
    void aCommandWithMoreOperandsThanItTakesSaysWhatItTakesAndDoesNothing() throws Exception {
        engine.session("sim1", SessionState.RUNNING, 1, 0, 30_000, 90_000, null);
        for (String command : List.of("status", "pause", "resume", "stop", "clear", "history", "watch", "log")) {
            List<String> lines = execute("boot:" + command + " sim1 s1 3");
            assertEquals(1, lines.size(), command + ": " + lines);
            assertTrue(lines.get(0).startsWith(command + " takes ") && lines.get(0).contains(", not 'sim1 s1 3'; nothing done"),
                    lines.get(0));
        }
        assertEquals(List.of(), engine.calls, "nothing was asked of the engine");
        assertEquals(SessionState.RUNNING, engine.session("s1").orElseThrow().state(), "the session runs on");
    }

    /** One operand, three, or an option it does not know: said in words, not "Cannot coerce start(Token)". */
    @Test
    void startWithOperandsItCannotTakeSaysWhatItTakesAndStartsNothing() throws Exception {
        for (String typed : List.of("sim1", "-l 3 sim1 sequential extra", "sim1 sequential --level 3 --speed 2")) {
            List<String> lines = execute("boot:start " + typed);
            assertEquals(2, lines.size(), typed + ": " + lines);
            assertTrue(lines.get(0).startsWith("start cannot take '") && lines.get(1).startsWith("start needs "),
                    typed + ": " + lines);
        }
        assertEquals(List.of(), engine.calls, "nothing started");
    }

    @Test
    void startWithoutOperandsSaysWhatItTakesAndStartsNothing() throws Exception {
        List<String> lines = execute("boot:start");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("start needs a device id, a program id and an intensity (--level or --pressure),"
                + " e.g. boot:start --level 3 sim1 ") && lines.get(0).endsWith("; nothing done (devices: sim1, sim2)"),
                lines.get(0));
        assertTrue(engine.session("s1").isEmpty(), "nothing started");
    }

    @Test
    void bootListsBootctlsOwnCommandsAndTheLevelTable() throws Exception {
        List<String> lines = execute("boot");
        String text = String.join("\n", lines);
        for (String function : functions()) {
            assertTrue(function.equals("boot") || text.contains("boot:" + function), function + " is listed:\n" + text);
        }
        assertTrue(text.contains("intensity levels: " + Settings.levelTable()), text);
        assertTrue(text.contains("30, 43, 57, 70, 83, 97, 110 mmHg"), text);
    }

    @Test
    void logShowsTheLastLinesOfTheLogFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        java.nio.file.Path log = folder.resolve("bootctl.log");
        java.nio.file.Files.writeString(log, "one\ntwo\nthree\n");
        System.setProperty(LogTail.PROPERTY, log.toString());
        try {
            assertEquals(List.of("the last 2 lines of " + log + ":", "two", "three"), execute("boot:log 2"));
            assertEquals("log takes how many lines to show, a whole number 1..1000, not 'x'", execute("boot:log x").get(0));
            java.nio.file.Files.writeString(log, "");
            assertEquals(List.of("nothing logged yet (" + log + " is empty)"), execute("boot:log 3"),
                    "not 'the last 0 lines'");
        } finally {
            System.clearProperty(LogTail.PROPERTY);
        }
        assertTrue(execute("boot:log").get(0).startsWith("no log file"));
    }

    @Test
    void theDescriptorListsEveryCommand() throws IOException {
        assertEquals(new TreeSet<>(List.of("devices", "programs", "start", "status", "pause", "resume", "stop", "estop",
                "clear", "history", "watch", "log", "boot")), functions());
    }

    @Test
    void everyCommandAndParameterExplainsItself() throws IOException {
        Set<String> functions = functions();
        Set<String> publicNames = Arrays.stream(BootShell.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(functions, publicNames, "Gogo calls public methods by name: nothing public but the commands");
        for (Method m : BootShell.class.getDeclaredMethods()) {
            if (!functions.contains(m.getName())) {
                continue;
            }
            Descriptor d = m.getAnnotation(Descriptor.class);
            assertTrue(d != null && d.value().length() > 20, m + " has help text");
            for (Parameter p : m.getParameters()) {
                if (p.getType() == CommandSession.class) {
                    continue; // given by Gogo, not typed by a person; help leaves it out
                }
                Descriptor pd = p.getAnnotation(Descriptor.class);
                assertTrue(pd != null && !pd.value().isBlank(), p + " of " + m + " has help text");
                if (p.getAnnotation(org.apache.felix.service.command.Parameter.class) == null) {
                    // Gogo's help shows an operand by its type (String): its text gives it a name
                    assertTrue(pd.value().matches("[A-Z]+: .+"), p + " of " + m + " is named: " + pd.value());
                }
            }
        }
    }

    @Test
    void startWithOptionsAfterTheOperands() throws Exception {
        List<String> lines = execute("boot:start sim1 sequential --level 4 --boost 1,3");
        assertEquals(List.of("started session s1 on sim1: sequential, level 4 (70 mmHg), 20 min, boost 1,3, ramp-in, "
                + "fit check; now FIT_CHECK, 20:00 left"), lines);
        assertEquals(new Settings(4, 0, 20, Set.of(1, 3), true, true), engine.lastSettings);
    }

    @Test
    void startWithEveryOptionFirstAndShortNames() throws Exception {
        execute("start --no-ramp -p 62.5 -m 45 --no-fit-check -b 2 sim2 sequential");
        assertEquals(new Settings(0, 62.5, 45, Set.of(2), false, false), engine.lastSettings);
    }

    @Test
    void badBoostTextIsRefusedInWords() throws Exception {
        assertEquals(List.of("cannot start sequential on sim1: --boost takes zone numbers from 1 separated by commas, "
                + "e.g. 1,3, not 'one'"), execute("boot:start sim1 sequential --level 4 --boost one"));
        assertEquals(List.of(), engine.calls);
    }

    @Test
    void optionalOperandsPickTheRightCommand() throws Exception {
        engine.session("sim1", SessionState.RUNNING, 1, 0, 30_000, 90_000, null);
        assertTrue(execute("boot:status").get(0).startsWith("DEVICE"));
        assertEquals("session     s1", execute("boot:status sim1").get(0));
        history.add("s0", "sim2", "sequential", 0, SessionState.COMPLETED, "completed");
        assertEquals(2, execute("boot:history 1").size());
        assertEquals(List.of(1), history.requested);
        assertEquals(2, execute("boot:history").size());
        assertEquals(List.of(1, 10), history.requested);
    }

    @Test
    void sessionCommandsAndEmergencyStop() throws Exception {
        engine.session("sim1", SessionState.RUNNING, 1, 0, 30_000, 90_000, null);
        engine.answersWithStateBefore = true; // what was done and the state it led to, not the state before
        assertEquals(List.of("paused session s1 on sim1 (every zone vents, the remaining time is kept); now PAUSED,"
                + " 1:30 left"), execute("boot:pause sim1"));
        assertEquals(List.of("resumed session s1 on sim1 (its current cycle starts again); now RUNNING, 1:30 left"),
                execute("boot:resume s1"));
        execute("boot:estop sim2");
        execute("boot:estop");
        assertEquals(List.of("pause s1", "resume s1", "estop sim2", "estop all"), engine.calls);
        assertEquals(SessionState.STOPPED, engine.sessions.get("s1").state());
        assertFalse(execute("boot:devices").isEmpty());
    }

    /**
     * An emergency stop typed with several devices stops each of them: Gogo found no estop of two
     * operands and printed "Cannot coerce estop(Token, Token)", and nothing vented. One of them that
     * is not connected stops every device, as a single unknown id does.
     */
    @Test
    void anEmergencyStopOfSeveralDevicesStopsEachOfThem() throws Exception {
        engine.session("sim1", SessionState.RUNNING, 1, 0, 30_000, 90_000, null);
        List<String> lines = execute("boot:estop sim1 sim2");
        assertEquals(List.of("estop sim1", "estop sim2"), engine.calls);
        assertEquals(SessionState.STOPPED, engine.sessions.get("s1").state());
        assertEquals(List.of("EMERGENCY STOP: every channel of sim1 vents now",
                "sim1 stays latched until a person clears it: boot:clear sim1",
                "EMERGENCY STOP: every channel of sim2 vents now",
                "sim2 stays latched until a person clears it: boot:clear sim2"), lines);

        engine.calls.clear();
        List<String> typo = execute("boot:estop sim2 sim9 sim1");
        assertEquals(List.of("estop sim2", "estop sim9", "estop sim1", "estop all"), engine.calls);
        assertEquals("no device sim9: stopping every device instead", typo.get(0), typo.toString());
    }

    /**
     * Gogo hands a command null for the word {@code null} and for a variable never set: an emergency
     * stop with such a word stopped nothing (a NullPointerException, the devices named beside it
     * left under pressure). A null names no device, so every device stops, as for a typo.
     */
    @Test
    void anEmergencyStopWithANullWordStopsEveryDevice() throws Exception {
        engine.session("sim1", SessionState.RUNNING, 1, 0, 30_000, 90_000, null);
        for (String typed : List.of("boot:estop null", "boot:estop $unset", "boot:estop sim1 null")) {
            engine.calls.clear();
            List<String> lines = execute(typed);
            assertTrue(engine.calls.contains("estop all"), typed + ": " + engine.calls + " " + lines);
            assertEquals("no device null: stopping every device instead", lines.get(0), typed + ": " + lines);
            assertEquals("EMERGENCY STOP: every channel of sim1, sim2 vents now", lines.get(1), typed + ": " + lines);
        }
        assertEquals(SessionState.STOPPED, engine.sessions.get("s1").state());
    }

    @Test
    void emergencyStopsAndClearsGoToTheAuditLogWhileThereIsOne() throws Exception {
        assertTrue(descriptor().contains("<reference name=\"audit\" cardinality=\"0..1\" policy=\"dynamic\" "
                + "interface=\"org.bootctl.api.audit.AuditLog\" field=\"audit\"/>"), descriptor());
        FakeAuditLog log = new FakeAuditLog();
        bindAudit(log);
        execute("boot:estop sim2");
        execute("boot:clear sim2");
        bindAudit(null); // the audit bundle stops: the shell goes on without it
        assertEquals(List.of("EMERGENCY STOP: every channel of sim1, sim2 vents now",
                "each device stays latched until a person clears it: boot:clear DEVICE"), execute("boot:estop"));

        assertEquals(List.of("estop sim2", "clear sim2", "estop all"), engine.calls);
        assertEquals(List.of(new AuditEvent(AuditEvent.ESTOP, AuditEvent.SHELL, "sim2"),
                new AuditEvent(AuditEvent.FAULT_CLEARED, AuditEvent.SHELL, "sim2", Map.of("fault", "emergency stop"))),
                log.events);
    }

    /**
     * In the console (SCOPE 'gogo:*', with Felix's and the console's own commands beside boot's) the
     * names of issue 7 are bootctl's: {@code start DEVICE PROGRAM --level N}, {@code clear DEVICE}
     * (the advice after an emergency stop), {@code history N}, {@code watch DEVICE}.
     */
    @Test
    void theConsoleFindsBootsCommandsFirstByTheirPlainNames() throws Exception {
        try (InputStream xml = getClass().getResourceAsStream("/OSGI-INF/org.bootctl.shell.BootScopeFirst.xml")) {
            assertNotNull(xml, "BootScopeFirst is a DS component");
            String text = new String(xml.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("org.apache.felix.service.command.CommandSessionListener"), text);
        }
        ConsoleNamesakes namesakes = new ConsoleNamesakes();
        processor.addCommand("felix", namesakes, "start");
        for (String function : List.of("clear", "history", "watch")) {
            processor.addCommand("gogo", namesakes, function);
        }
        processor.addListener(new BootScopeFirst());
        session.put("SCOPE", "gogo:*"); // as the console's profile sets it
        engine.latch("sim2", new org.bootctl.api.session.Fault("emergency stop", "L1", 1, 3.2, "emergency stop"));

        assertEquals(List.of("cleared sim2 (emergency stop); state IDLE"), execute("clear sim2"));
        List<String> started = execute("start sim1 sequential --level 3 --minutes 2");
        assertTrue(started.size() == 1 && started.get(0).startsWith("started session s1 on sim1: sequential, level 3"),
                started.toString());
        execute("history 2");
        assertEquals(List.of(), namesakes.calls, "Felix's start, the console's clear, history and watch were not run");
        assertEquals(List.of("clear sim2", "start sim1 sequential"), engine.calls.subList(0, 2));
        assertEquals(List.of("felix:start"), execute("felix:start x"), "the console's own stay reachable by their scope");
        assertEquals("boot:gogo:*", session.get("SCOPE"));
    }

    /** Stands in for the commands of the same names that Felix and the console bring. */
    public static final class ConsoleNamesakes {
        final List<String> calls = new java.util.ArrayList<>();

        public void start(String... args) {
            calls.add("felix:start");
            System.out.println("felix:start");
        }

        public void clear(String... args) {
            calls.add("gogo:clear");
        }

        public void history(String... args) {
            calls.add("gogo:history");
        }

        public void watch(String... args) {
            calls.add("gogo:watch");
        }
    }

    /** What SCR does with the optional dynamic reference: sets (or clears) the volatile field. */
    private void bindAudit(AuditLog log) throws ReflectiveOperationException {
        Field field = BootShell.class.getDeclaredField("audit");
        assertTrue(Modifier.isVolatile(field.getModifiers()), "a dynamic reference is held in a volatile field");
        field.setAccessible(true);
        field.set(shell, log);
    }
}
