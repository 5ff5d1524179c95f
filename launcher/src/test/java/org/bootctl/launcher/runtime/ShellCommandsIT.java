package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The simulator feature as {@code bootctl run} starts it: the boot:* commands are Gogo commands
 * of the real shell bundle, run here through Gogo's CommandProcessor as a console would run them;
 * the console itself (jline) is not installed. Gogo's types are not shared with the launcher, so
 * they are reached by reflection.
 */
@Tag("realtime")
class ShellCommandsIT {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    static final String SESSION = "org.apache.felix.service.command.CommandSession";

    @TempDir
    static Path data;
    static OsgiRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = Runtimes.simulator(data, Map.of());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Runs one command line in a fresh Gogo session; returns what it printed and what it returned, as a console shows both. */
    private static String gogo(String line) throws Exception {
        return gogo(new String[] {line});
    }

    /** Runs command lines one after another in one fresh Gogo session; what they printed and what the last returned. */
    private static String gogo(String... lines) throws Exception {
        ServiceReference<?> reference = runtime.context().getServiceReference(PROCESSOR);
        assertTrue(reference != null, "Gogo's CommandProcessor is a service");
        Object processor = runtime.context().getService(reference);
        Bundle gogo = reference.getBundle();
        Class<?> processorType = gogo.loadClass(PROCESSOR);
        Class<?> sessionType = gogo.loadClass(SESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                OutputStream.class).invoke(processor, new ByteArrayInputStream(new byte[0]), out, out);
        String line = "";
        try {
            Object result = null;
            for (String each : lines) {
                line = each;
                result = sessionType.getMethod("execute", CharSequence.class).invoke(session, line);
            }
            if (result != null) {
                out.writeBytes(String.valueOf(result).getBytes(StandardCharsets.UTF_8));
            }
        } catch (InvocationTargetException e) {
            throw new AssertionError("'" + line + "' failed: " + e.getCause(), e.getCause());
        } finally {
            sessionType.getMethod("close").invoke(session);
            runtime.context().ungetService(reference);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bootDevicesListsTheSimulatedDevice() throws Exception {
        // the simulated device registers a moment after its component activates
        String devices = Waits.until("sim-1 in boot:devices", DEADLINE, () -> gogo("boot:devices"),
                d -> d.contains("sim-1"));
        assertTrue(devices.contains("sim-1") && devices.contains("RB2-L5"), devices);
        assertTrue(gogo("boot:programs").contains("sequential"));
    }

    @Test
    void helpExplainsABootCommandWithItsOptions() throws Exception {
        String help = gogo("help boot:start");
        assertTrue(help.contains("starts a session on a device") && help.contains("--level"), "help boot:start: " + help);
    }

    @Test
    void helpBootShowsBootctlsOwnCommandsAndStartNamesItsOperands() throws Exception {
        String overview = gogo("help boot");
        for (String command : List.of("boot:devices", "boot:start", "boot:pause", "boot:stop", "boot:estop", "boot:watch",
                "boot:log")) {
            assertTrue(overview.contains(command), command + " in 'help boot':\n" + overview);
        }
        String start = gogo("help boot:start");
        assertTrue(start.contains("DEVICE: the device id") && start.contains("PROGRAM: the program id"),
                "the operands named: " + start);
    }

    @Test
    void pauseResumeAndStopSayWhatTheyDidAndTheNewState() throws Exception {
        String started = Waits.until("sim-1 there to start on", DEADLINE,
                () -> gogo("boot:start --level 2 --no-fit-check sim-1 sequential"), s -> !s.contains("no device"));
        assertTrue(started.startsWith("started session ") && started.contains("; now RUNNING, "), started);
        String paused = gogo("boot:pause sim-1");
        assertTrue(paused.startsWith("paused session ") && paused.contains("; now PAUSED, ")
                && paused.strip().endsWith("left"), paused);
        String resumed = gogo("boot:resume sim-1");
        assertTrue(resumed.startsWith("resumed session ") && resumed.contains("; now RUNNING, "), resumed);
        String stopped = gogo("boot:stop sim-1");
        assertTrue(stopped.startsWith("stopped session ") && stopped.strip().endsWith("now STOPPED"), stopped);
    }

    /**
     * Issue 7's names as a person types them in the console, whose profile searches scope gogo first:
     * {@code start} is boot's, not Felix's bundle start; {@code stop} boot's, not Felix's bundle stop.
     */
    @Test
    void thePlainNamesAreBootctlsCommandsInTheConsolesScope() throws Exception {
        String started = Waits.until("sim-1 there to start on", DEADLINE,
                () -> gogo("SCOPE = 'gogo:*'", "start sim-1 sequential --level 2 --no-fit-check"),
                s -> !s.contains("no device"));
        assertTrue(started.startsWith("started session ") && started.contains("; now RUNNING, "), started);
        String stopped = gogo("SCOPE = 'gogo:*'", "stop sim-1");
        assertTrue(stopped.startsWith("stopped session ") && stopped.strip().endsWith("now STOPPED"), stopped);
        assertTrue(gogo("SCOPE = 'gogo:*'", "history 1").contains("sim-1"), "boot:history, not the console's");
        // which of two namesakes Gogo finds under '*' depends on its table's order (with the jline console's
        // commands Felix's start came first): scope boot is put first in every line's search path
        assertEquals("boot:gogo:*", gogo("SCOPE = 'gogo:*'", "searched = $SCOPE").strip());
    }

    @Test
    void theConsoleIsNotInstalledWithoutTheShellOption() {
        List<String> names = Arrays.stream(runtime.context().getBundles()).map(Bundle::getSymbolicName).toList();
        assertTrue(names.contains("org.bootctl.shell") && names.contains("org.apache.felix.gogo.command"), names.toString());
        assertFalse(names.contains("org.apache.felix.gogo.jline") || names.contains("org.jline"), names.toString());
    }
}
