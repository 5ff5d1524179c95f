package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code exit} as the console resolves it: its profile adds {@code System}'s methods as commands
 * (so {@code exit 0} is {@code System.exit}) and searches scope {@code gogo} first ({@code SCOPE = 'gogo:*'}).
 */
class ConsoleExitTest {

    private final List<String> exits = new ArrayList<>();
    private ThreadIOImpl threadIO;
    private CommandProcessorImpl processor;
    private CommandSession session;

    @BeforeEach
    void console() throws IOException {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        processor.addCommand("system", NotSystem.class); // what the profile adds, without exiting this JVM
        try (InputStream xml = getClass().getResourceAsStream("/OSGI-INF/org.bootctl.shell.ConsoleExit.xml")) {
            assertNotNull(xml, "the DS descriptor is built before the tests run");
            String text = new String(xml.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("<property name=\"osgi.command.scope\" type=\"String\" value=\"gogo\"/>")
                    && text.contains("<property name=\"osgi.command.function\" type=\"String\" value=\"exit\"/>"), text);
        }
        processor.addCommand("gogo", new ConsoleExit(() -> exits.add("framework stopped"),
                status -> exits.add("System.exit(" + status + ")")), "exit");
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        session.put("SCOPE", "gogo:*");
    }

    @AfterEach
    void stop() {
        session.close();
        processor.stop();
        threadIO.stop();
    }

    @Test
    void plainExitStopsTheFrameworkAsExitZeroDoes() throws Exception {
        session.execute("exit");
        session.execute("exit 0");
        session.execute("exit 3");
        assertEquals(List.of("framework stopped", "framework stopped", "System.exit(3)"), exits);
        assertEquals(List.of(), NotSystem.calls, "the console's System.exit is not reached");
    }

    /** Stands in for java.lang.System: a static exit(int). */
    public static final class NotSystem {
        static final List<Integer> calls = new ArrayList<>();

        public static void exit(int status) {
            calls.add(status);
        }
    }
}
