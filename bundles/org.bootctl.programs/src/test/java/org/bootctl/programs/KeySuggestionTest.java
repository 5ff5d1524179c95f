package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {

    @Test
    void levenshteinCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, KeySuggestion.distance("hold", "hold"));
        assertEquals(2, KeySuggestion.distance("hodl", "hold"));
        assertEquals(1, KeySuggestion.distance("hol", "hold"));
        assertEquals(1, KeySuggestion.distance("holds", "hold"));
        assertEquals(3, KeySuggestion.distance("kitten", "sitting"));
        assertEquals(4, KeySuggestion.distance("", "fill"));
    }

    @Test
    void aCloseKeyIsSuggestedAndAFarOneListsTheKnownKeys() {
        List<String> known = ProgramParser.STEP_KEYS;
        assertEquals("unknown key; did you mean \"limit\"?", KeySuggestion.unknownKey("limt", known));
        assertEquals("unknown key; did you mean \"fill\"?", KeySuggestion.unknownKey("Fill", known));
        assertEquals("unknown key; did you mean \"to\"?", KeySuggestion.unknownKey("ti", known));
        assertEquals("unknown key; expected one of fill, to, vent, hold, limit, comment", KeySuggestion.unknownKey("id", known));
    }
}
