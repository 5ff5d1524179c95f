package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bootctl.tools.bench.LocalPostgres;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub (issue 17) with a real Mosquitto, three simulated controllers with --fleet publishing
 * real records, and a real database: every record is stored exactly once, across a broker killed
 * and restarted and a hub killed with SIGKILL, on the embedded H2 and on PostgreSQL, where two
 * hubs share the broker and the database (each taking every record, or splitting them in a share
 * group).
 */
@Tag("realtime")
@Tag("broker")
@Tag("database")
class HubIngestIT {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final List<String> UNITS = List.of("s1/u1", "s1/u2", "s2/u1");

    @TempDir
    Path folder;

    @Test
    void recordsAreStoredOnceAcrossABrokerRestartAndAHubKill9OnH2() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), UNITS, null)) {
            List<FleetController> units = controllers(broker);
            try {
                HubProcess hub = HubProcess.start(folder, "a", broker.url(), null);
                Instant subscribed = Instant.now();
                try {
                    sessions(units);
                    awaitStoredOnce(hub, units);
                    // the units, their state and their devices, from the retained messages
                    awaitUnits(hub);

                    broker.awaitSavedSince(subscribed, WAIT); // a broker killed before that forgets the hubs' sessions
                    broker.kill();
                    sessions(units); // the records wait on the units
                    broker.restart();
                    awaitStoredOnce(hub, units);

                    hub.kill();
                    sessions(units); // the records wait in the hub's session on the broker
                } finally {
                    hub.close();
                }
                try (HubProcess again = HubProcess.start(folder, "a", broker.url(), null)) {
                    awaitStoredOnce(again, units);
                }
            } finally {
                units.forEach(FleetController::close);
            }
        }
    }

    @Test
    void twoHubsOnOnePostgresqlStoreEachRecordOnceAcrossABrokerRestartAndAHubKill9() throws Exception {
        try (LocalPostgres pg = Postgres.start();
             Mosquitto broker = Mosquitto.start(folder.resolve("broker"), UNITS, null)) {
            String[] db = {"--var", "hub-db-user=" + Postgres.USER, "--var", "hub-db-password-file=" + pg.passwordFile(folder)};
            List<FleetController> units = controllers(broker);
            try (HubProcess b = HubProcess.start(folder, "b", broker.url(), pg.url(), db)) {
                HubProcess a = HubProcess.start(folder, "a", broker.url(), pg.url(), db);
                Instant subscribed = Instant.now();
                try {
                    sessions(units);
                    sessions(units);
                    awaitStoredOnce(b, units);
                    awaitUnits(b);

                    broker.awaitSavedSince(subscribed, WAIT); // a broker killed before that forgets the hubs' sessions
                    broker.kill();
                    sessions(units);
                    broker.restart();
                    awaitStoredOnce(a, units);

                    a.kill();
                    sessions(units);
                    sessions(units);
                } finally {
                    a.close();
                }
                try (HubProcess again = HubProcess.start(folder, "a", broker.url(), pg.url(), db)) {
                    awaitStoredOnce(again, units);
                    awaitStoredOnce(b, units);
                }
            } finally {
                units.forEach(FleetController::close);
            }
        }
    }

    /** With a share group the two hubs split the records (a shared subscription); a killed one loses nothing. */
    @Test
    void twoHubsOfAShareGroupSplitTheRecordsAndStoreEachOnceAcrossAHubKill9() throws Exception {
        try (LocalPostgres pg = Postgres.start();
             Mosquitto broker = Mosquitto.start(folder.resolve("broker"), UNITS, null)) {
            String[] options = {"--var", "hub-db-user=" + Postgres.USER, "--var", "hub-db-password-file=" + pg.passwordFile(folder),
                "--var", "hub-share=bootctl-hub"};
            List<FleetController> units = controllers(broker);
            try (HubProcess b = HubProcess.start(folder, "b", broker.url(), pg.url(), options)) {
                HubProcess a = HubProcess.start(folder, "a", broker.url(), pg.url(), options);
                try {
                    sessions(units);
                    sessions(units);
                    awaitStoredOnce(b, units);
                    a.kill();
                    sessions(units);
                    sessions(units);
                } finally {
                    a.close();
                }
                try (HubProcess again = HubProcess.start(folder, "a", broker.url(), pg.url(), options)) {
                    awaitStoredOnce(again, units);
                }
            } finally {
                units.forEach(FleetController::close);
            }
        }
    }

    private List<FleetController> controllers(Mosquitto broker) throws Exception {
        List<FleetController> units = new ArrayList<>();
        try {
            for (String su : UNITS) {
                String[] p = su.split("/");
                units.add(FleetController.start(folder, broker.url(), p[0], p[1]));
            }
        } catch (Exception | AssertionError e) {
            units.forEach(FleetController::close);
            throw e;
        }
        return units;
    }

    /** One short session on every unit, its record written to its history. */
    private static void sessions(List<FleetController> units) throws Exception {
        for (FleetController u : units) {
            u.shortSession(deviceOf(u));
        }
    }

    private static String deviceOf(FleetController u) {
        String name = u.data().getFileName().toString(); // data-SITE-UNIT
        return name.substring(name.lastIndexOf('-') + 1) + "-dev";
    }

    private static String key(FleetController u, String id) {
        String name = u.data().getFileName().toString().substring("data-".length());
        return name.replaceFirst("-", "/") + "/" + id;
    }

    /** Waits until the hub has every record of every history; then no record is there twice nor one too many. */
    private static void awaitStoredOnce(HubProcess hub, List<FleetController> units) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (FleetController u : units) {
            for (String id : u.historyIds()) {
                expected.add(key(u, id));
            }
        }
        List<String> stored = new ArrayList<>();
        // judged below with the hub's own account, whether or not every record came in time
        Waits.holdsWithin("every record stored", WAIT, () -> {
            stored.clear();
            for (JsonElement e : hub.array("/api/fleet/sessions?limit=1000")) {
                JsonObject r = e.getAsJsonObject();
                stored.add(r.get("site").getAsString() + "/" + r.get("unit").getAsString() + "/" + r.get("id").getAsString());
            }
            return new HashSet<>(stored).containsAll(expected);
        });
        assertEquals(expected, new TreeSet<>(stored), "the hub stores exactly the records of the units' histories; the hub: " + hub.process());
        assertEquals(new HashSet<>(stored).size(), stored.size(), "each record once: " + stored);
    }

    private static void awaitUnits(HubProcess hub) throws Exception {
        Waits.until("the three units online with their device", WAIT, () -> {
            Set<String> online = new TreeSet<>();
            for (JsonElement e : hub.array("/api/fleet/units")) {
                JsonObject u = e.getAsJsonObject();
                if (u.get("state").getAsString().equals("online") && u.getAsJsonArray("devices").size() == 1) {
                    JsonObject d = u.getAsJsonArray("devices").get(0).getAsJsonObject();
                    if (d.get("device").getAsString().equals(u.get("unit").getAsString() + "-dev")
                            && d.get("model").getAsString().equals("RB2-L5")) {
                        online.add(u.get("site").getAsString() + "/" + u.get("unit").getAsString());
                    }
                }
            }
            return online;
        }, online -> online.equals(new TreeSet<>(UNITS)));
    }
}
