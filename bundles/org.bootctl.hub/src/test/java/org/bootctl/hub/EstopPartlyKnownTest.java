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
        ApiServlet api = new ApiServlet(new Guard(""), new Queries(db), estops);

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

    private static List<String> names(JsonArray devices) {
        return devices.asList().stream().map(JsonElement::getAsJsonObject)
                .map(d -> d.get("site").getAsString() + "/" + d.get("unit").getAsString() + "/" + d.get("device").getAsString())
                .toList();
    }
}
