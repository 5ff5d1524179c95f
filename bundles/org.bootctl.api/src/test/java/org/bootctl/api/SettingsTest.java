package org.bootctl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.bootctl.api.program.Settings;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void levelsMapToTheirCaps() {
        double[] expected = {30, 43, 57, 70, 83, 97, 110};
        for (int level = 1; level <= 7; level++) {
            assertEquals(expected[level - 1], Settings.level(level, 20).cap());
        }
    }

    @Test
    void boostAddsTenWithinOneHundredTwenty() {
        Settings s = Settings.level(7, 20).withBoost(Set.of(2));
        assertEquals(110, s.target(1, 150), "unboosted zones are clamped to the cap");
        assertEquals(120, s.target(2, 150), "boosted zone: cap + 10");
        assertEquals(120, s.limit(2));
        assertEquals(0, s.target(2, 0), "vent stays vent");
        Settings high = Settings.pressure(115, 20).withBoost(Set.of(1));
        assertEquals(120, high.limit(1), "never above 120 mmHg");
        assertEquals(60, Settings.level(4, 20).withBoost(Set.of(1)).target(1, 50));
    }

    @Test
    void refusesValuesOutOfRangeNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.level(8, 20))
                .getMessage().contains("level"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.level(3, 121))
                .getMessage().contains("minutes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.pressure(130, 20))
                .getMessage().contains("pressure"));
        assertThrows(IllegalArgumentException.class, () -> new Settings(3, 50, 20, Set.of(), true, true));
        assertThrows(IllegalArgumentException.class, () -> Settings.level(3, 20).withBoost(Set.of(0)));
    }

    @Test
    void theLevelTableIsOneListForEveryUi() {
        assertEquals(java.util.List.of(30.0, 43.0, 57.0, 70.0, 83.0, 97.0, 110.0), Settings.levelsMmHg());
        assertEquals(Settings.levelsMmHg().size(), Settings.MAX_LEVEL);
        assertEquals("1..7 = 30, 43, 57, 70, 83, 97, 110 mmHg", Settings.levelTable());
    }

    @Test
    void aLevelOutOfRangeIsSaidAsSuchAndNumbersAsTyped() {
        assertEquals("level must be 1..7, not 0", assertThrows(IllegalArgumentException.class,
                () -> new Settings(0, 0, 20, Set.of(), true, true)).getMessage());
        assertEquals("level must be 1..7, not -2", assertThrows(IllegalArgumentException.class,
                () -> Settings.level(-2, 20)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.level(3, -1))
                .getMessage().endsWith(", not -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.pressure(2.5, 20))
                .getMessage().endsWith(", not 2.5"));
    }

    @Test
    void continuousRunsAtMostFourHours() {
        Settings s = Settings.level(3, 0);
        assertTrue(s.continuous());
        assertEquals(4 * 3_600_000L, s.durationMs());
        assertEquals(90_000, Settings.level(3, 1.5).durationMs());
    }
}
