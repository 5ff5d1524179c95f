package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.bootctl.web.contract.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionRequestTest {

    @Test
    void readsEveryField() {
        SessionRequest r = SessionRequest.parse("""
                {"device": "sim-1", "program": "sequential", "level": 5, "minutes": 12.5,
                 "boost": [3, 1], "fitCheck": false, "ramp": false}""");
        assertEquals("sim-1", r.device());
        assertEquals("sequential", r.program());
        Settings s = r.settings();
        assertEquals(5, s.level());
        assertEquals(83, s.cap());
        assertEquals(12.5, s.minutes());
        assertEquals(Set.of(1, 3), s.boostZones());
        assertFalse(s.fitCheck());
        assertFalse(s.rampIn());
    }

    @Test
    void pressureInsteadOfLevelAndDefaultsForTheSwitches() {
        Settings s = SessionRequest.parse("""
                {"device": "d", "program": "p", "pressure": 65.5, "minutes": 0}""").settings();
        assertEquals(0, s.level());
        assertEquals(65.5, s.cap());
        assertTrue(s.continuous());
        assertTrue(s.fitCheck());
        assertTrue(s.rampIn());
        assertEquals(Set.of(), s.boostZones());
    }

    @Test
    void anOptionalClientReferenceIsCarriedInTheSettings() {
        String body = """
                {"device": "d", "program": "p", "level": 3, "minutes": 20%s}""";
        assertEquals("C-0042.b_7", SessionRequest.parse(body.formatted(", \"client\": \"C-0042.b_7\"")).settings().client());
        assertEquals(null, SessionRequest.parse(body.formatted("")).settings().client());
    }

    @ParameterizedTest(name = "client {0}")
    @CsvSource(delimiter = '|', value = {"\"Jane Doe\"", "\"jane@example.org\"", "\"\"", "42", "null", "[\"a\"]",
            "\"x12345678901234567890123456789012345678901234567890123456789012345\""})
    void aClientThatIsNotAnOpaqueCodeIsRefusedNamingTheFieldAndTheRule(String client) {
        ApiError e = assertThrows(ApiError.class, () -> SessionRequest.parse(
                "{\"device\":\"d\",\"program\":\"p\",\"level\":3,\"minutes\":20,\"client\":" + client + "}"));
        assertEquals(400, e.status());
        assertEquals("client", ((FieldError) e.details().get(0)).field());
        assertTrue(e.getMessage().startsWith("client must be an opaque code"), e.getMessage());
        assertTrue(e.getMessage().contains(Settings.CLIENT_PATTERN), e.getMessage());
        assertFalse(e.getMessage().contains("Jane") || e.getMessage().contains("example.org"), "not echoed");
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(delimiter = '|', value = {
            "{'program':'p','level':4,'minutes':20}                         | device  | device is missing",
            "{'device':'  ','program':'p','level':4,'minutes':20}           | device  | device must be a text",
            "{'device':7,'program':'p','level':4,'minutes':20}              | device  | device must be a text",
            "{'device':'d','level':4,'minutes':20}                          | program | program is missing",
            "{'device':'d','program':'p','minutes':20}                      | level   | level is missing",
            "{'device':'d','program':'p','level':0,'minutes':20}            | level   | level must be a whole number 1..7, not 0",
            "{'device':'d','program':'p','level':8,'minutes':20}            | level   | level must be a whole number 1..7, not 8",
            "{'device':'d','program':'p','level':3.5,'minutes':20}          | level   | level must be a whole number 1..7, not 3.5",
            "{'device':'d','program':'p','level':'4','minutes':20}          | level   | level must be a whole number 1..7, not \"4\"",
            "{'device':'d','program':'p','level':null,'minutes':20}         | level   | level must be a whole number 1..7, not null",
            "{'device':'d','program':'p','level':4,'pressure':50,'minutes':20} | level | give either level or pressure, not both",
            "{'device':'d','program':'p','pressure':5,'minutes':20}         | pressure | pressure must be a number of mmHg 10..120, not 5",
            "{'device':'d','program':'p','pressure':121,'minutes':20}       | pressure | pressure must be a number of mmHg 10..120, not 121",
            "{'device':'d','program':'p','level':4}                         | minutes | minutes is missing",
            "{'device':'d','program':'p','level':4,'minutes':-1}            | minutes | minutes must be a number 0..120 (0 runs until stopped), not -1",
            "{'device':'d','program':'p','level':4,'minutes':121}           | minutes | minutes must be a number 0..120",
            "{'device':'d','program':'p','level':4,'minutes':'abc'}         | minutes | minutes must be a number 0..120",
            "{'device':'d','program':'p','level':4,'minutes':20,'boost':3}  | boost   | boost must be a list of zone numbers from 1, not 3",
            "{'device':'d','program':'p','level':4,'minutes':20,'boost':[0]} | boost  | boost must be a list of zone numbers from 1",
            "{'device':'d','program':'p','level':4,'minutes':20,'boost':[1.5]} | boost | boost must be a list of zone numbers from 1",
            "{'device':'d','program':'p','level':4,'minutes':20,'fitCheck':'yes'} | fitCheck | fitCheck must be true or false, not \"yes\"",
            "{'device':'d','program':'p','level':4,'minutes':20,'ramp':1}   | ramp    | ramp must be true or false, not 1",
            "{'device':'d','program':'p','levle':4,'minutes':20}            | levle   | unknown field 'levle'",
    })
    void everyRefusalNamesItsField(String body, String field, String message) {
        ApiError e = assertThrows(ApiError.class, () -> SessionRequest.parse(body.replace('\'', '"')));
        assertEquals(400, e.status());
        FieldError first = (FieldError) e.details().get(0);
        assertEquals(field, first.field());
        assertTrue(first.message().startsWith(message), first.message());
        assertEquals(first.message(), e.getMessage());
        assertTrue(e.getMessage().contains(field), "the sentence names the field: " + e.getMessage());
    }

    @Test
    void everyInvalidValueIsToldAtOnce() {
        ApiError e = assertThrows(ApiError.class, () -> SessionRequest.parse("""
                {"device": "d", "level": 9, "minutes": -3, "boost": "x"}"""));
        List<String> fields = e.details().stream().map(d -> ((FieldError) d).field()).toList();
        assertEquals(List.of("program", "level", "minutes", "boost"), fields);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"device\": \"d\",           | malformed JSON",
            "[1, 2]                        | the body must be a JSON object",
            "''                            | the body is empty",
            "{\"device\": 'd'}             | malformed JSON",
            "{\"a\": 1} {\"b\": 2}         | malformed JSON",
            "{\"a\": 1, /* c */ \"b\": 2}  | malformed JSON",
    })
    void malformedBodiesAre400(String body, String message) {
        ApiError e = assertThrows(ApiError.class, () -> SessionRequest.parse(body));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void manyUnknownFieldsGetAtMostAHundredErrorsTheLastCountingTheRest() {
        // every known field wrong too, so each check adds its error after the unknown ones
        String body = java.util.stream.IntStream.range(0, 500).mapToObj(i -> "\"k" + i + "\":0").collect(
                java.util.stream.Collectors.joining(",", "{\"device\":1,\"program\":[],\"level\":0,\"pressure\":0,"
                        + "\"minutes\":-1,\"boost\":7,\"fitCheck\":1,\"ramp\":1,\"client\":\" \",", "}"));
        ApiError e = assertThrows(ApiError.class, () -> SessionRequest.parse(body));
        assertTrue(e.details().size() <= 100, e.details().size() + " errors");
        List<String> fields = e.details().stream().map(d -> ((FieldError) d).field()).toList();
        assertTrue(fields.containsAll(List.of("device", "program", "level", "minutes", "boost", "fitCheck", "ramp",
                "client")), "the known fields' own errors are all there: " + fields);
        String last = e.details().stream().map(d -> ((FieldError) d).message()).filter(m -> m.contains("more unknown"))
                .findFirst().orElseThrow();
        assertTrue(last.contains("and " + (500 - org.bootctl.web.contract.SettingsParser.MAX_UNKNOWN) + " more unknown fields"),
                last);
    }
}
