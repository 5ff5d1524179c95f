package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * repro (rev-fleet): `bootctl fleet status` renders what any unit left retained on the broker. One
 * unit's device message with a field of an unexpected type (a fault that is a text, a state that
 * is an object) ends the whole command with "internal error" and no table for any unit; and text
 * fields are printed raw, so a unit can put terminal escape sequences on the operator's screen.
 */
class StatusTableHostileTest {

    private static FleetSnapshot snapshot(String device) {
        FleetSnapshot s = new FleetSnapshot();
        s.accept("bootctl/v1/s1/good/status", "{\"state\":\"online\",\"since\":\"2026-12-07T07:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
        s.accept("bootctl/v1/s1/good/devices/d1", "{\"id\":\"d1\",\"state\":\"RUNNING\",\"remainingMs\":60000}".getBytes(StandardCharsets.UTF_8));
        s.accept("bootctl/v1/s1/odd/status", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8));
        s.accept("bootctl/v1/s1/odd/devices/d9", device.getBytes(StandardCharsets.UTF_8));
        return s;
    }

    @Test
    void oneUnitsMalformedDeviceDoesNotHideEveryOtherUnit() {
        for (String device : new String[] {
                "{\"id\":\"d9\",\"state\":\"FAULT\",\"fault\":\"overpressure\"}",
                "{\"id\":\"d9\",\"state\":{\"word\":\"IDLE\"}}",
                "{\"id\":\"d9\",\"state\":\"IDLE\",\"remainingMs\":\"soon\"}"}) {
            String table = assertDoesNotThrow(() -> StatusTable.render(snapshot(device).units()), device);
            assertTrue(table.contains("good"), "the well-formed unit is listed whatever " + device + " says");
        }
    }

    @Test
    void controlCharactersFromAUnitDoNotReachTheTerminal() {
        String table = StatusTable.render(snapshot("{\"id\":\"d9\",\"state\":\"IDLE\",\"program\":\"\\u001b]2;pwned\\u0007\\u001b[2J\"}").units());
        assertFalse(table.chars().anyMatch(c -> c == 0x1b || c == 0x07), "an escape sequence from the broker is printed raw: " + table);
    }
}
