package org.bootctl.engine.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.junit.jupiter.api.Test;

/**
 * The arrays a driver is handed: the same values the tick commanded, whatever the driver did with
 * the arrays it got before, and never written by the engine afterwards (a driver may queue them).
 */
class CommandSinkTest {

    private final List<Valve[]> actuated = new ArrayList<>();
    private final List<double[]> setpoints = new ArrayList<>();

    @Test
    void aDriverThatWritesIntoItsArrayStillGetsWhatTheTickCommanded() {
        DeviceDescription device = description("RB2-L5");
        CommandSink sink = CommandSink.of(host(), device);
        Command command = new Command(device.channelCount());
        command.valves[0] = Valve.FILL;
        command.pump = 255;

        sink.send(command);
        Valve[] first = actuated.get(0);
        first[0] = Valve.VENT; // a hostile or careless driver
        sink.send(command);

        assertEquals(Valve.FILL, actuated.get(1)[0], "the second send carries the commanded valve");
        assertNotSame(first, actuated.get(1));
    }

    @Test
    void anArrayHandedOverIsNeverWrittenByTheEngine() {
        DeviceDescription device = description("RB2-L5");
        CommandSink sink = CommandSink.of(host(), device);
        Command command = new Command(device.channelCount());
        command.valves[1] = Valve.FILL;
        sink.send(command);
        sink.send(command);
        Valve[] queued = actuated.get(0).clone();

        command.valves[1] = Valve.CLOSED;
        command.valves[2] = Valve.FILL;
        sink.send(command);

        assertArrayEquals(queued, actuated.get(0), "what the driver queued first");
        assertArrayEquals(queued, actuated.get(1), "what the driver queued second");
        assertEquals(Valve.CLOSED, actuated.get(2)[1]);
        assertEquals(Valve.FILL, actuated.get(2)[2]);
    }

    @Test
    void setpointsLikewise() {
        DeviceDescription device = description("RB1-L4");
        CommandSink sink = CommandSink.of(unit(), device);
        Command command = new Command(device.channelCount());
        command.setpoints[0] = 83;
        sink.send(command);
        setpoints.get(0)[0] = 120; // written by the driver
        sink.send(command);
        double[] queued = setpoints.get(1).clone();
        command.setpoints[0] = 57;
        sink.send(command);

        assertEquals(83, setpoints.get(1)[0]);
        assertArrayEquals(queued, setpoints.get(1));
        assertEquals(57, setpoints.get(2)[0]);
    }

    private static DeviceDescription description(String model) {
        return DeviceDescription.of("d1", Models.find(model).orElseThrow(), "S1", "fw", 50);
    }

    private HostRegulatedConnection host() {
        return (HostRegulatedConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HostRegulatedConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("actuate")) {
                        actuated.add((Valve[]) args[1]);
                    }
                    return null;
                });
    }

    private DeviceRegulatedConnection unit() {
        return (DeviceRegulatedConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DeviceRegulatedConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setpoints")) {
                        setpoints.add((double[]) args[0]);
                    }
                    return null;
                });
    }
}
