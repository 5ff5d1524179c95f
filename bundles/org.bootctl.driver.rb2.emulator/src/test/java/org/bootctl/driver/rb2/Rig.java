package org.bootctl.driver.rb2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.driver.rb2.emulator.EmulatorFault;
import org.bootctl.driver.rb2.emulator.EmulatorOptions;
import org.bootctl.driver.rb2.emulator.Rb2Emulator;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.bootctl.timebase.SystemTimebase;

/**
 * A bench: a socat pair, a simulated unit on real time as the plant, the emulator on the
 * device's end, and (once {@link #connect}ed) the driver's link on the host's end, registering
 * into a {@link TestRegistrar}.
 */
final class Rig implements AutoCloseable {

    static final String DEVICE_ID = "boot-under-test";

    final SocatPair socat;
    final SystemTimebase plantTime = new SystemTimebase("test-plant");
    final SimulatedDevice plant;
    final Rb2Emulator emulator;
    final TestRegistrar registrar = new TestRegistrar();
    Rb2Link link;

    private Rig(Path dir, ModelSpec model, String faults) throws IOException {
        socat = new SocatPair(dir).start();
        plant = SimulatedDevice.of("plant", model, List.of(), plantTime, 11);
        plant.start();
        emulator = new Rb2Emulator(socat.device(), plant,
                EmulatorOptions.defaults().withFaults(EmulatorFault.parseAll(faults, model)));
        emulator.start();
    }

    /** The pair, the plant and the emulator, running; no driver yet. */
    static Rig start(Path dir, ModelSpec model, String faults) throws IOException {
        SocatPair.assumeInstalled();
        return new Rig(dir, model, faults);
    }

    /** Starts the driver's link on the host's end. */
    Rb2Link connect(String expectedModel, int rateHz) {
        link = new Rb2Link(new PortSettings(socat.host(), expectedModel, DEVICE_ID, rateHz, Timing.DEFAULT), registrar);
        link.start();
        return link;
    }

    Rb2Link connect() {
        return connect(PortSettings.AUTO, PortSettings.DEFAULT_RATE_HZ);
    }

    /** Connects and waits for the registration and the first sample. */
    Rb2Link connected() {
        connect();
        awaitRegistered();
        Waits.until("a first sample", 3000, () -> registrar.latest() != null);
        return link;
    }

    void awaitRegistered() {
        Waits.until("the device registered (last error: " + (link == null ? null : link.lastError()) + ")", 8000,
                registrar::registered);
    }

    /** Samples arriving at the listener: waits for {@code n} more. */
    void awaitSamples(int n) {
        int start = registrar.samples.size();
        Waits.until(n + " more samples", 5000, () -> registrar.samples.size() >= start + n);
    }

    @Override
    public void close() throws Exception {
        try {
            if (link != null) {
                link.stop();
                link.awaitStopped(5000);
            }
        } finally {
            emulator.close();
            emulator.awaitClosed(2000);
            plant.close();
            plantTime.close();
            socat.close();
        }
    }
}
