package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootctl fleet} against three controllers on one broker (two units of site s1, one of s2),
 * each with remote control off: status, push, remove, estop (always allowed) and their exit
 * codes; a start over MQTT refused with 403; {@code run --fleet} refusing bad names with exit 2.
 */
@Tag("broker")
class FleetCliIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    void theFleetCommandsAgainstThreeControllers() throws Exception {
        Distribution distribution = TestDistribution.real();
        List<String> units = List.of("s1/u1", "s1/u2", "s2/u3");
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), units, null);
             BrokerWatch watch = new BrokerWatch(broker, "cli-watch")) {
            List<FleetController> controllers = new ArrayList<>();
            try {
                for (String unit : units) {
                    String[] su = unit.split("/");
                    controllers.add(FleetController.start(folder, broker.url(), su[0], su[1]));
                }
                for (String unit : units) {
                    watch.await(m -> m.topic().equals("bootctl/v1/" + unit + "/status") && m.payload().contains("online"),
                            WAIT, unit + " online");
                    String device = unit.split("/")[1] + "-dev";
                    watch.await(m -> m.topic().equals("bootctl/v1/" + unit + "/devices/" + device), WAIT, unit + " device");
                }
                String pw = Mosquitto.passwordFile(folder).toString();
                String[] admin = {"--broker", broker.url(), "--user", Mosquitto.ADMIN, "--password-file", pw};

                // the command reads the retained messages for 1.5 s: a machine too busy to deliver them all in
                // that time is asked again
                Cli.Result json = Waits.until("fleet status --json with the three units", WAIT,
                        () -> Cli.run(distribution, concat(new String[] {"fleet", "status", "--json"}, admin)),
                        r -> r.exitCode() == 0 && JsonParser.parseString(r.out()).getAsJsonArray().size() == 3);
                JsonArray all = JsonParser.parseString(json.out()).getAsJsonArray();
                for (JsonElement u : all) {
                    assertEquals("online", u.getAsJsonObject().getAsJsonObject("status").get("state").getAsString());
                    assertEquals(1, u.getAsJsonObject().getAsJsonArray("devices").size());
                }
                Cli.Result table = Cli.run(distribution, concat(new String[] {"fleet", "status", "--site", "s1"}, admin));
                assertEquals(0, table.exitCode(), table.toString());
                assertTrue(table.out().contains("u1-dev") && table.out().contains("u2-dev") && !table.out().contains("u3"),
                        table.out());
                assertTrue(table.out().lines().filter(l -> l.startsWith("s1 ")).allMatch(l -> l.contains("online")), table.out());

                // remote control is off: a start is refused with 403
                watch.publish("bootctl/v1/s1/u1/cmd/start", "{\"requestId\":\"off-1\",\"device\":\"u1-dev\","
                        + "\"program\":\"sequential\",\"level\":2,\"minutes\":1}", false);
                assertEquals(403, watch.await(m -> m.topic().equals("bootctl/v1/s1/u1/reply") && m.payload().contains("off-1"),
                        WAIT, "reply off-1").json().get("status").getAsInt());

                // push: checked first; an invalid file publishes nothing
                Path good = folder.resolve("studio-wave.json");
                Files.writeString(good, "{\"id\": \"studio-wave\", \"name\": \"Studio wave\", \"version\": \"2.0\", \"zones\": {\"min\": 2,"
                        + " \"max\": 8}, \"cycle\": [{\"fill\": \"all\", \"to\": \"100%\", \"hold\": 5}, {\"vent\": \"all\"}]}");
                Path bad = folder.resolve("bad.json");
                Files.writeString(bad, "{\"id\": \"bad\"}");
                Cli.Result refused = Cli.run(distribution, concat(new String[] {"fleet", "push", bad.toString(), "--site", "s1"}, admin));
                assertEquals(2, refused.exitCode(), refused.toString());
                Cli.Result pushed = Cli.run(distribution, concat(new String[] {"fleet", "push", good.toString(), "--site", "s1"}, admin));
                assertEquals(0, pushed.exitCode(), pushed.toString());
                assertTrue(pushed.out().contains("pushed studio-wave to site s1"), pushed.out());
                awaitListed(controllers.get(0), "studio-wave", true);
                awaitListed(controllers.get(1), "studio-wave", true);
                assertFalse(listed(controllers.get(2), "studio-wave"), "site s2 does not get site s1's program");
                assertTrue(FleetContractIT.retained(broker, "bootctl/v1/s1/programs/bad").isEmpty(), "nothing invalid published");
                Cli.Result removed = Cli.run(distribution, concat(new String[] {"fleet", "remove", "studio-wave", "--site", "s1"}, admin));
                assertEquals(0, removed.exitCode(), removed.toString());
                awaitListed(controllers.get(0), "studio-wave", false);

                // estop: every device of site s1 confirms within 2 s
                Cli.Result estop = estopUntilConfirmed(distribution, concat(new String[] {"fleet", "estop", "--site", "s1"}, admin));
                assertEquals(0, estop.exitCode(), estop.toString());
                assertTrue(estop.out().contains("s1/u1/u1-dev: confirmed") && estop.out().contains("s1/u2/u2-dev: confirmed")
                        && !estop.out().contains("u3"), estop.out());
                assertTrue(Files.readString(controllers.get(0).data().resolve("audit.jsonl")).contains("\"action\":\"estop\""));
                // a unit that does not answer did not confirm: exit 1
                Cli.Result missing = Cli.run(distribution, concat(new String[] {"fleet", "estop", "--site", "s2", "--unit", "u9"}, admin));
                assertEquals(1, missing.exitCode(), missing.toString());
                assertTrue(missing.out().contains("s2/u9: not confirmed"), missing.out());

                // bad input: 2; no broker: 1
                assertEquals(2, Cli.run(distribution, concat(new String[] {"fleet", "push", good.toString(), "--site", "all"}, admin)).exitCode());
                assertEquals(2, Cli.run(distribution, "fleet", "status").exitCode());
                assertEquals(2, Cli.run(distribution, concat(new String[] {"fleet", "estop"}, admin)).exitCode());
                Cli.Result away = Cli.run(distribution, "fleet", "status", "--broker", "mqtt://127.0.0.1:1");
                assertEquals(1, away.exitCode(), away.toString());
                assertTrue(away.err().contains("cannot reach the broker"), away.err());
            } finally {
                for (FleetController c : controllers) {
                    c.close();
                }
            }
        }
    }

    /**
     * Runs {@code fleet estop} until every device confirms. Each run must say which did not, with exit 1; a
     * machine too busy to carry a stop through three processes within the command's 2 s is asked again
     * (a stop may be repeated: a stopped device confirms at once).
     */
    private static Cli.Result estopUntilConfirmed(Distribution distribution, String[] args) {
        Cli.Result result = null;
        for (int run = 0; run < 3; run++) {
            result = Cli.run(distribution, args);
            if (result.exitCode() == 0) {
                return result;
            }
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.out().contains(": not confirmed"), result.out());
        }
        return result;
    }

    @Test
    void runRefusesBadFleetNamesWithExit2() {
        Distribution distribution = TestDistribution.real();
        String data = folder.resolve("data").toString();
        for (String[] vars : List.of(new String[] {"site=all", "unit=u1"}, new String[] {"site=s1", "unit=programs"},
                new String[] {"site=Studio_1", "unit=u1"}, new String[] {"site=s1", "unit=" + "u".repeat(33)},
                new String[] {"site=s1"})) {
            List<String> args = new ArrayList<>(List.of("run", "--data", data, "--fleet", "mqtt://127.0.0.1:1883"));
            for (String v : vars) {
                args.addAll(List.of("--var", v));
            }
            Cli.Result result = Cli.run(distribution, args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), String.join(" ", vars) + ": " + result);
        }
        assertEquals(2, Cli.run(distribution, "run", "--data", data, "--fleet", "http://x:1", "--var", "site=s", "--var", "unit=u").exitCode());
        assertEquals(2, Cli.run(distribution, "run", "--data", data, "--var", "site=s1").exitCode(),
                "the fleet's variables mean nothing without --fleet");
    }

    private static boolean listed(FleetController unit, String id) throws Exception {
        for (JsonElement p : unit.get("/programs").getAsJsonArray()) {
            // an entry may have no id (a file whose id could not be read): null fields compare as absent
            if (id.equals(text(p, "id")) && "fleet".equals(text(p, "source"))
                    && p.getAsJsonObject().get("valid").getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonElement entry, String field) {
        JsonElement value = entry.getAsJsonObject().get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static void awaitListed(FleetController unit, String id, boolean wanted) throws Exception {
        Waits.until(id + (wanted ? " listed" : " no longer listed"), WAIT, () -> listed(unit, id) == wanted);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
