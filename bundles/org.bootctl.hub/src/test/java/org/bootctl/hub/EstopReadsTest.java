package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e-stop's database read is never refused for want of a thread: a stop that comes just as the
 * read before it finished (its answer set, its thread not yet free) still gets one, so it reaches
 * the units only the database knows of.
 */
class EstopReadsTest {

    @TempDir
    Path folder;

    @Test
    void readsOneRightAfterAnotherAreNeverRefused() throws Exception {
        Database db = Database.open("", "", "", folder);
        Migrations.run(db);
        ApiServlet api = new ApiServlet(new Guard(""), new Queries(db), new Estops((topic, payload) -> { }), () -> true);
        for (int i = 0; i < 2000; i++) {
            Future<?> read = api.unitsRead(); // throws RejectedExecutionException when refused
            assertEquals(0, ((com.google.gson.JsonArray) read.get()).size());
        }
    }
}
