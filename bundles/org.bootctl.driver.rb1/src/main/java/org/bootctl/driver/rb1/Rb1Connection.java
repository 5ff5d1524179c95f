package org.bootctl.driver.rb1;

import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.serial.SerialConnection;

/** One RB1 unit as the engine sees it: a device-regulated connection that takes setpoints. */
final class Rb1Connection extends SerialConnection<Rb1Session> implements DeviceRegulatedConnection {

    Rb1Connection(DeviceDescription description, Rb1Session session) {
        super(description, session);
    }

    /** Whole mmHg, rounded down as the protocol asks; sent when they change. */
    @Override
    public void setpoints(double[] mmHg) {
        if (mmHg.length != description().channelCount()) {
            throw new IllegalArgumentException(description().model() + " takes " + description().channelCount()
                    + " setpoints, not " + mmHg.length);
        }
        session().setpoints(wholeMmHg(mmHg));
    }

    /** Rounded down; anything not a positive number is 0 (vent). */
    static int[] wholeMmHg(double[] mmHg) {
        int[] whole = new int[mmHg.length];
        for (int i = 0; i < mmHg.length; i++) {
            double p = mmHg[i];
            whole[i] = p > 0 && p < Integer.MAX_VALUE ? (int) Math.floor(p) : 0;
        }
        return whole;
    }

    @Override
    public String toString() {
        return "RB1 connection " + description().id() + " (" + description().model() + " " + description().serial() + ")";
    }
}
