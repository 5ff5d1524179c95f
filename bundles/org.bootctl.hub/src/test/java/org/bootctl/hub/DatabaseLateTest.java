package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.ConnectionPoolDataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that is not up when the hub starts: the hub keeps trying, with a bounded back-off, and starts when it comes. */
class DatabaseLateTest {

    @TempDir
    Path folder;

    @Test
    void theHubWaitsForADatabaseThatComesLateAndNeverGivesUp() throws Exception {
        AtomicBoolean up = new AtomicBoolean();
        Database db = database(up);
        List<Long> waits = new ArrayList<>();
        // the database comes after 12 tries: far past the 60 s the hub used to give it
        int version = HubComponent.migrateWhenUp(db, () -> false, ms -> {
            waits.add(ms);
            up.set(waits.size() >= 12);
        });
        assertEquals(Migrations.files().size(), version, "migrated once the database answered");
        assertEquals(12, waits.size());
        assertEquals(List.of(2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 60_000L, 60_000L), waits.subList(0, 7),
                "a doubling back-off, then the last step");
        assertTrue(waits.stream().mapToLong(Long::longValue).sum() > 60_000, "it kept trying past a minute");
        db.close();
    }

    @Test
    void aHubStoppedWhileWaitingEndsTheWait() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        AtomicBoolean stopping = new AtomicBoolean();
        Database db = database(new AtomicBoolean());
        int version = HubComponent.migrateWhenUp(db, stopping::get, ms -> stopping.set(tries.incrementAndGet() == 3));
        assertEquals(-1, version);
        assertEquals(3, tries.get());
        db.close();
    }

    /** An H2 database in the test's folder that refuses connections (as a PostgreSQL not up) until {@code up}. */
    private Database database(AtomicBoolean up) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + folder.resolve("late").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        h2.setUser("bootctl");
        ConnectionPoolDataSource late = (ConnectionPoolDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConnectionPoolDataSource.class}, (p, m, a) -> {
                    if (m.getName().startsWith("getPooledConnection") && !up.get()) {
                        throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
                    }
                    try {
                        return m.invoke(h2, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Database(JdbcConnectionPool.create(late), Database.Dialect.H2, "H2 (late)");
    }
}
