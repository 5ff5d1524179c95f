package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub learns of units from their retained messages as they arrive, which after a start (or
 * behind the backlog of a persistent session, or the broker's window of unacknowledged messages
 * while the database is away) is only some of them. A site-wide e-stop must still reach every unit
 * the database knows of: the known ones at once, the others as soon as the database names them.
 */
class EstopPartlyKnownTest {

    @TempDir
    Path folder;

    @Test
    void aSiteStopReachesTheUnitsTheDatabaseKnowsAndTheBrokerHasNotToldOfYet() throws Exception {
        Database db = Database.open("", "", "", folder);
        Migrations.run(db);
        Store store = new Store(db);
        JsonObject running = JsonParser.parseString("{\"id\":\"d1\",\"model\":\"RB2-L5\",\"state\":\"RUNNING\"}")
                .getAsJsonObject();
        JsonObject online = JsonParser.parseString("{\"state\":\"online\",\"version\":\"0.1.0\"}").getAsJsonObject();
        for (String unit : List.of("s1/u1", "s1/u2", "s2/u9")) {
            store.status(unit.substring(0, 2), unit.substring(3), online);
        }
        store.device("s1", "u1", "d1", running);
        store.device("s1", "u2", "d1", running);
        store.device("s1", "u2", "d2", running);
        store.device("s2", "u9", "d1", running);

        List<String> published = new CopyOnWriteArrayList<>();
        Estops estops = new Estops((topic, payload) -> published.add(topic));
        estops.known().seen("s1", "u1", "d1", false); // only u1's message has reached the hub yet
        ApiServlet api = new ApiServlet(new Guard(""), new Queries(db), estops, () -> true);

        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int[] status = {0};
        api.service((ServletRequest) EstopWithoutDatabaseTest.request("{\"site\":\"s1\"}"),
                (ServletResponse) EstopWithoutDatabaseTest.response(answer, status));
        store.close();

        String text = answer.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("bootctl/v1/s1/u1/cmd/estop", "bootctl/v1/s1/u2/cmd/estop"), published,
                "every unit of s1 the database knows gets the stop; the hub answered " + status[0] + " " + text);
        JsonObject out = JsonParser.parseString(text).getAsJsonObject();
        assertEquals(List.of("s1/u1/d1", "s1/u2/d1", "s1/u2/d2"), names(out.getAsJsonArray("devices")),
                "every device the stop went to is answered for: " + text);
        assertEquals(2, out.getAsJsonArray("units").size(), text);
    }

    @Test
    void twoStopsAtOnceBothReachTheUnitsOnlyTheDatabaseKnows() throws Exception {
        String url = "jdbc:h2:mem:estop-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Database setup = Database.open(url, "", "", folder);
        Migrations.run(setup);
        Store store = new Store(setup);
        store.status("s1", "u1", JsonParser.parseString("{\"state\":\"online\"}").getAsJsonObject());
        store.status("s1", "u2", JsonParser.parseString("{\"state\":\"online\"}").getAsJsonObject());
        // the servlet's own pool, whose connections take a moment to open: the two stops' reads overlap
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL(url);
        h2.setUser("bootctl");
        javax.sql.ConnectionPoolDataSource slow = (javax.sql.ConnectionPoolDataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.ConnectionPoolDataSource.class}, (p, m, a) -> {
                    if (m.getName().equals("getPooledConnection")) {
                        Thread.sleep(100); // well inside the stop's 1 s for the database, on a loaded machine too
                    }
                    try {
                        return m.invoke(h2, a);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Database db = new Database(org.h2.jdbcx.JdbcConnectionPool.create(slow), Database.Dialect.H2, "H2 (slow)");
        new Queries(setup).units(); // the query's first run (class loading, parsing) is not the stop's to pay

        List<String> published = new CopyOnWriteArrayList<>();
        Estops estops = new Estops((topic, payload) -> published.add(topic));
        estops.known().seen("s1", "u1", null, false);
        ApiServlet api = new ApiServlet(new Guard(""), new Queries(db), estops, () -> true);
        List<Thread> stops = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread stop = new Thread(() -> {
                try {
                    api.service((ServletRequest) EstopWithoutDatabaseTest.request("{\"site\":\"s1\"}"),
                            (ServletResponse) EstopWithoutDatabaseTest.response(new ByteArrayOutputStream(), new int[1]));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            stop.join(20_000);
        }
        store.close();
        db.close();
        assertEquals(2, published.stream().filter("bootctl/v1/s1/u2/cmd/estop"::equals).count(),
                "each of two stops at once reaches u2, which only the database knows: " + published);
    }

    private static List<String> names(JsonArray devices) {
        return devices.asList().stream().map(JsonElement::getAsJsonObject)
                .map(d -> d.get("site").getAsString() + "/" + d.get("unit").getAsString() + "/" + d.get("device").getAsString())
                .toList();
    }
}
