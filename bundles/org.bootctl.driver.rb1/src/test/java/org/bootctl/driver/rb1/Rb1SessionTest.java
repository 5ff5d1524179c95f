package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bootctl.api.device.DeviceDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handshake without a port: a scripted unit answers each line from another thread, as a reader would deliver it. */
class Rb1SessionTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reader.shutdownNow();
    }

    /** A session whose unit answers from {@code answers} (command → answer body). */
    private Rb1Session session(String model, Map<String, String> answers) {
        Rb1Session session = new Rb1Session(new DriverSettings("/dev/ttyTEST", model, "", 20));
        session.attach(line -> {
            String answer = answers.get(line);
            if (answer != null) {
                reader.execute(() -> session.line(answer, System.nanoTime()));
            }
            return true;
        });
        return session;
    }

    private static Map<String, String> unit(String id) {
        return Map.of("ID?", id, "ST?", "ST,NONE,0,0,0,0,0", "STREAM,20", "OK", "VENT", "OK");
    }

    @Test
    void whereIdAndTheCatalogueDisagreeOnTheLimitTheLowerHolds() throws Exception {
        DeviceDescription lower = session("RB1-L4", unit("ID,RB1-L4,E7,2.0,4,110")).handshake();
        assertEquals(110, lower.hardLimitMmHg());
        assertEquals("rb1-ttyTEST", lower.id());
        assertEquals("E7", lower.serial());
        assertEquals("2.0", lower.firmware());
        assertEquals(120, session("auto", unit("ID,RB1-L4,E7,2.0,4,130")).handshake().hardLimitMmHg());
    }

    @Test
    void aUnitThatIsNotTheCataloguesModelIsRefusedNamingPortAndModel() {
        Rb1Session.Refused zones = assertThrows(Rb1Session.Refused.class,
                () -> session("auto", unit("ID,RB1-L4,E7,2.0,6,120")).handshake());
        assertTrue(zones.getMessage().contains("/dev/ttyTEST") && zones.getMessage().contains("6 zones"), zones.getMessage());
        Rb1Session.Refused unknown = assertThrows(Rb1Session.Refused.class,
                () -> session("auto", unit("ID,RB1-X9,E7,2.0,4,120")).handshake());
        assertTrue(unknown.getMessage().contains("RB1-X9") && unknown.getMessage().contains("not in the model catalogue"),
                unknown.getMessage());
        Rb1Session.Refused setpoints = assertThrows(Rb1Session.Refused.class, () -> session("auto", Map.of(
                "ID?", "ID,RB1-L4,E7,2.0,4,120", "ST?", "ST,NONE,0,0,0,20")).handshake());
        assertTrue(setpoints.getMessage().contains("3 setpoints"), setpoints.getMessage());
    }

    /**
     * A unit whose ID gives a hard limit of 0 (or below) cannot hold any pressure: it was registered
     * with that limit, and the engine then latched "over-pressure in zone 1 (foot): 0.0 mmHg" at rest,
     * a fault whose cause is not what happened. It is refused, naming port, unit and the limit.
     */
    @Test
    void aUnitWhoseHardLimitIsNotAboveZeroIsRefusedNamingTheLimit() {
        for (String[] max : new String[][] {{"0", "0"}, {"-5", "-5"}, {"0.0", "0"}}) {
            Rb1Session.Refused refused = assertThrows(Rb1Session.Refused.class,
                    () -> session("auto", unit("ID,RB1-L4,E7,2.0,4," + max[0])).handshake(), max[0]);
            assertEquals("RB1 on /dev/ttyTEST: the device RB1-L4 (serial E7) says it has a hard limit of " + max[1]
                    + " mmHg: it cannot hold any pressure; check its firmware", refused.getMessage());
        }
    }

    @Test
    void anErrorAnswerToTheHandshakeIsAClearRefusal() {
        Rb1Session.Refused refused = assertThrows(Rb1Session.Refused.class,
                () -> session("RB1-L4", Map.of("ID?", "ERR,CMD")).handshake());
        assertTrue(refused.getMessage().contains("ID? with ERR,CMD"), refused.getMessage());
    }
}
