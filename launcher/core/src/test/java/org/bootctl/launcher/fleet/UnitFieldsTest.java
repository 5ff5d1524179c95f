package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How a unit's fields are read for a person: tolerant of types, never a control character out. */
class UnitFieldsTest {

    @Test
    void aFieldOfTheWrongTypeIsUnknownAndTextIsCleanedAndBounded() {
        JsonObject o = JsonParser.parseString("{\"a\":{\"x\":1},\"b\":[1],\"c\":null,\"d\":\"ok\\u001b[2J\",\"e\":12,"
                + "\"f\":\"" + "x".repeat(200) + "\"}").getAsJsonObject();
        assertEquals("?", UnitFields.text(o.get("a")));
        assertEquals("?", UnitFields.text(o.get("b")));
        assertEquals("-", UnitFields.text(o.get("c")));
        assertEquals("-", UnitFields.text(o.get("missing")));
        assertEquals("ok\\x1b[2J", UnitFields.text(o.get("d")));
        assertEquals("12", UnitFields.text(o.get("e")));
        assertEquals(64, UnitFields.text(o.get("f")).length());
    }

    @Test
    void onlyAWholeNumberIsANumber() {
        JsonObject o = JsonParser.parseString("{\"a\":60000,\"b\":\"60000\",\"c\":1.5,\"d\":1e30,\"e\":{}}").getAsJsonObject();
        assertEquals(OptionalLong.of(60000), UnitFields.number(o.get("a")));
        for (String field : new String[] {"b", "c", "d", "e", "missing"}) {
            assertTrue(UnitFields.number(o.get(field)).isEmpty(), field);
        }
    }

    @Test
    void jsonForTheTerminalHasNoC1ControlCharactersAndMeansTheSame() {
        JsonObject o = new JsonObject();
        o.addProperty("program", "a\u009b2Jb\u007f\u0085");
        String text = UnitFields.json(o.toString());
        assertFalse(text.chars().anyMatch(c -> c >= 0x7f && c <= 0x9f), text);
        assertEquals(o, JsonParser.parseString(text));
    }
}
