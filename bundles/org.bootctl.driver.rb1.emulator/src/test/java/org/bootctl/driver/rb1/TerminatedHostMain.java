package org.bootctl.driver.rb1;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.DeviceRegulatedConnection;

/**
 * A host process for {@link HostTerminatedIT}: the driver on the port given, and an "engine"
 * that asks for 20 mmHg in every zone on every tick until the process ends. No framework and no
 * orderly stop: at JVM exit only shutdown hooks run.
 */
public final class TerminatedHostMain {

    private TerminatedHostMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ScheduledExecutorService engine = Executors.newSingleThreadScheduledExecutor();
        Rb1Driver driver = new Rb1Driver(new DriverSettings(args[0], "RB1-L4", "doomed", 20), (connection, properties) -> {
            engine.scheduleAtFixedRate(() -> ((DeviceRegulatedConnection) connection).setpoints(new double[] {20, 20, 20, 20}), 0, 20,
                    TimeUnit.MILLISECONDS);
            System.out.println("registered " + connection.description().model());
            return engine::shutdownNow;
        });
        driver.start();
        Thread.sleep(Long.MAX_VALUE);
    }

}
