package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.bootctl.api.program.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StartOptionsTest {

    private static String refusal(StartOptions options) {
        return assertThrows(IllegalArgumentException.class, options::settings).getMessage();
    }

    @Test
    void levelWithDefaultsIsTwentyMinutesWithRampAndFitCheck() {
        assertEquals(Settings.level(5, 20), new StartOptions("5", "", "", "", false, false).settings());
    }

    @Test
    void everyOptionGiven() {
        assertEquals(new Settings(0, 62.5, 45, Set.of(1, 3, 4), false, false),
                new StartOptions("", "62.5", "45", "4,1,3", true, true).settings());
    }

    @Test
    void zeroMinutesRunsUntilStopped() {
        assertEquals(0, new StartOptions("2", "", "0", "", false, false).settings().minutes());
    }

    @Test
    void boostAcceptsSpacesAroundNumbersAndRepeats() {
        assertEquals(Set.of(1, 3), StartOptions.zones(" 1, 3,1"));
        assertEquals(Set.of(), StartOptions.zones(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,", ",3", "1;3", "a", "0", "-1", "1.5", "1,,3", "99999"})
    void badBoostTextNamesTheOption(String boost) {
        assertEquals("--boost takes zone numbers from 1 separated by commas, e.g. 1,3, not '" + boost + "'",
                refusal(new StartOptions("4", "", "", boost, false, false)));
    }

    @ParameterizedTest
    @CsvSource({"0", "8", "4.5", "high", "-3"})
    void levelOutOfRange(String level) {
        assertEquals("--level must be a whole number 1..7, not '" + level + "'",
                refusal(new StartOptions(level, "", "", "", false, false)));
    }

    @ParameterizedTest
    @CsvSource({"9.9", "121", "NaN", "1e2", "80mmHg"})
    void pressureOutOfRange(String pressure) {
        assertEquals("--pressure must be a number of mmHg 10..120, not '" + pressure + "'",
                refusal(new StartOptions("", pressure, "", "", false, false)));
    }

    @ParameterizedTest
    @CsvSource({"121", "-5", "Infinity", "twenty"})
    void minutesOutOfRange(String minutes) {
        assertEquals("--minutes must be a number 0..120 (0 runs until stopped), not '" + minutes + "'",
                refusal(new StartOptions("3", "", minutes, "", false, false)));
    }

    @Test
    void intensityIsNeverGuessed() {
        assertEquals("choose the intensity: --level 1..7 or --pressure MMHG (10..120)",
                refusal(new StartOptions("", "", "20", "", false, false)));
        assertEquals("give either --level or --pressure, not both",
                refusal(new StartOptions("3", "60", "", "", false, false)));
    }
}
