package org.bootctl.driver.rb2;

import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.Valve;

/**
 * A host process for {@link HostKilledIT}: the driver on the port given, and an "engine" that
 * fills every chamber until the process is killed.
 */
public final class KilledHostMain {

    private KilledHostMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ScheduledExecutorService engine = Executors.newSingleThreadScheduledExecutor();
        Rb2Link link = new Rb2Link(PortSettings.of(args[0], "auto", "doomed", 50), (connection, properties) -> {
            Valve[] fill = new Valve[connection.description().channelCount()];
            Arrays.fill(fill, Valve.FILL);
            engine.scheduleAtFixedRate(() -> ((HostRegulatedConnection) connection).actuate(255, fill), 0, 20, TimeUnit.MILLISECONDS);
            System.out.println("registered " + connection.description().model());
            return engine::shutdownNow;
        });
        link.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
