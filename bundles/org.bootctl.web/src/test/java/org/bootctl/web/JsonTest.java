package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Request bodies are strict JSON, and a mistake is told in our words (issue 12, findings 6 and 9). */
class JsonTest {

    private static String refusal(String body) {
        ApiError error = assertThrows(ApiError.class, () -> Json.parse(body), body);
        assertEquals(400, error.status());
        return error.getMessage();
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedAtAnyDepth() {
        assertTrue(refusal("{\"level\": 2, \"level\": 9}").contains("\"level\" appears twice"));
        assertTrue(refusal("{\"a\": [{\"b\": 1, \"b\": 1}]}").contains("\"b\" appears twice"));
        assertEquals(2, Json.object("{\"a\": {\"b\": 1}, \"b\": {\"a\": 2}}").size(), "the same key in two objects");
    }

    @Test
    void malformedJsonNamesWhatAndWhereNeverGsonsAdviceOrClassNames() {
        for (String body : new String[] {"{a: 1}", "{'a': 1}", "[1,]", "{\"a\": 01}", "{\"a\": 1", "{\"a\"", "[1] [2]",
                "{\"a\": 1 /* c */}", "\"\\u12\"", "nul"}) {
            String message = refusal(body);
            assertTrue(message.startsWith("malformed JSON"), body + ": " + message);
            for (String leak : new String[] {"setStrictness", "Gson", "Exception", "java.", "com.google", "Troubleshooting"}) {
                assertFalse(message.contains(leak), body + ": " + message);
            }
        }
        assertTrue(refusal("{a: 1}").contains("at line 1 column 3"), refusal("{a: 1}"));
    }

    @Test
    void nestingIsBoundedAndNumbersKeepTheirValue() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertTrue(refusal(deep).contains("deeper than"));
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertTrue(Json.parse(deepest).isJsonArray());
        assertEquals(2.5, Json.object("{\"x\": 2.5}").get("x").getAsDouble());
        assertEquals(7, Json.object("{\"x\": 7}").get("x").getAsInt());
        assertEquals("1e400", Json.object("{\"x\": 1e400}").get("x").getAsString(), "kept as sent, not converted");
    }

    @Test
    void aBodyOfMoreValuesThanAnyRequestNeedsIsRefusedWhileRead() {
        String many = java.util.stream.IntStream.range(0, Json.MAX_VALUES).mapToObj(i -> "0")
                .collect(java.util.stream.Collectors.joining(",", "[", "]")); // the array is one value more
        String message = refusal(many);
        assertTrue(message.contains("more than " + Json.MAX_VALUES + " values"), message);
        String enough = java.util.stream.IntStream.range(0, Json.MAX_VALUES - 1).mapToObj(i -> "\"k" + i + "\":0")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        assertEquals(Json.MAX_VALUES - 1, Json.object(enough).size());
    }

    @Test
    void aClassNameInAnErrorNeverReachesTheClient() {
        assertEquals("time limit must be positive: 0 ms",
                Errors.forClient("java.lang.IllegalArgumentException: time limit must be positive: 0 ms"));
    }
}
