package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.junit.jupiter.api.Test;

/**
 * {@code bootctl fleet estop}'s report comes after the stops are sent: a unit's odd reply (a status
 * that is a text, devices without ids or states, an escape sequence) is shown as not confirmed or
 * "?", and every other unit's lines are still printed.
 */
class EstopReportTest {

    private static final String[] ODD_REPLIES = {
            "{\"requestId\":\"r-odd\",\"status\":\"200\"}",
            "{\"requestId\":\"r-odd\",\"status\":200}",
            "{\"requestId\":\"r-odd\",\"status\":200,\"body\":\"stopped\"}",
            "{\"requestId\":\"r-odd\",\"status\":200,\"body\":[1,null,{\"state\":\"IDLE\"},{\"id\":{\"x\":1}}]}",
            "{\"requestId\":\"r-odd\",\"status\":200,\"body\":{\"id\":\"d9\",\"state\":{\"word\":\"STOPPED\"}}}",
            "{\"requestId\":\"r-odd\",\"status\":{\"code\":200},\"body\":{\"error\":[\"x\"]}}",
            "{\"requestId\":\"r-odd\",\"status\":500,\"body\":{\"error\":\"\\u001b[2Jgone\"}}",
            "{\"requestId\":\"r-odd\",\"status\":200,\"body\":{\"id\":\"d9\\u001b[2J\",\"state\":\"STOPPED\\u0007\"}}"};

    @Test
    void anOddReplyFromOneUnitLeavesTheOthersReported() throws Exception {
        for (String odd : ODD_REPLIES) {
            FleetSnapshot snapshot = new FleetSnapshot();
            snapshot.accept("bootctl/v1/s1/good/devices/d1", "{\"id\":\"d1\",\"state\":\"RUNNING\"}".getBytes(StandardCharsets.UTF_8));
            snapshot.accept("bootctl/v1/s1/odd/devices/d9", "{\"id\":\"d9\",\"state\":\"RUNNING\"}".getBytes(StandardCharsets.UTF_8));
            Map<String, String> requests = new LinkedHashMap<>();
            requests.put("odd", "r-odd"); // first, so a crash on it would hide the good unit's line
            requests.put("good", "r-good");
            Map<String, JsonObject> replies = Map.of(
                    "r-odd", JsonParser.parseString(odd).getAsJsonObject(),
                    "r-good", JsonParser.parseString("{\"requestId\":\"r-good\",\"status\":200,"
                            + "\"body\":[{\"id\":\"d1\",\"state\":\"ESTOPPED\"}]}").getAsJsonObject());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int exit = FleetCommand.report(invocation(bytes), "s1", requests, replies, snapshot, Optional.empty());
            String out = bytes.toString(StandardCharsets.UTF_8);

            assertTrue(out.contains("s1/good/d1: confirmed, ESTOPPED"), odd + " hid the good unit's line: " + out);
            assertTrue(out.contains("s1/odd/d9: "), odd + " hid the odd unit's own device line: " + out);
            assertFalse(out.chars().anyMatch(c -> c == 0x1b || c == 0x07), "control characters printed raw: " + out);
            boolean d9Confirmed = out.contains("s1/odd/d9: confirmed");
            assertEquals(d9Confirmed && !out.contains("NOT confirmed") ? 0 : CommandException.FAILURE, exit, out);
        }
    }

    @Test
    void aConfirmationWhoseStateIsNotATextIsShownAsUnknown() throws Exception {
        FleetSnapshot snapshot = new FleetSnapshot();
        Map<String, JsonObject> replies = Map.of("r1", JsonParser.parseString(
                "{\"requestId\":\"r1\",\"status\":200,\"body\":{\"id\":\"d9\",\"state\":{\"word\":\"STOPPED\"}}}").getAsJsonObject());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = FleetCommand.report(invocation(bytes), "s1", Map.of("u1", "r1"), replies, snapshot, Optional.empty());

        assertEquals("s1/u1/d9: confirmed, ?\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        assertEquals(0, exit);
    }

    private static Invocation invocation(ByteArrayOutputStream bytes) {
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return new Invocation(Args.of(Map.of(), List.of()), out, out, false, null, null);
    }
}
