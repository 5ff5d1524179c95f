package org.bootctl.sim;

import org.bootctl.api.device.Valve;

/**
 * The pneumatics of one unit: a pump feeding a manifold, and per channel a chamber with a fill
 * valve to the manifold, a vent valve to atmosphere, a slow leak and optionally a hard one.
 * Integrated with explicit Euler in fixed small steps; the manifold is taken as having no
 * volume of its own, so its pressure is the one where pump flow equals the flow into the
 * open chambers (found per step by a safeguarded Newton search, usually 2-3 iterations).
 * A step allocates nothing. Pressures in mmHg gauge, air in mL at 1 atm, flows in mL/s.
 * Not thread-safe: one thread (the device's timebase) steps and sets it.
 */
final class Plant {

    /** Below this pressure difference an orifice's flow turns linear, which keeps the steps stable. */
    static final double LAMINAR_MMHG = 0.5;
    /** The compliance of a chamber is re-evaluated when its pressure moved this far (it changes slowly). */
    private static final double COMPLIANCE_REUSE_MMHG = 0.2;
    /** A chamber this close to atmospheric pressure and not filling is taken as empty. */
    private static final double EMPTY_MMHG = 1e-3;

    private final SimModel model;
    private final Bladder bladder;
    private final int channels;
    private final double[] pressure;
    private final double[] compliance;
    private final double[] complianceAt;
    private final boolean[] fillOpen;
    private final boolean[] ventOpen;
    private final boolean[] leaking;
    private final boolean[] disconnected;
    private final boolean[] stuckFill;
    /** Scratch for one step: the channels open to the manifold. */
    private final int[] open;
    private boolean pumpFailed;
    private double duty;
    private double manifold;

    Plant(SimModel model, int channels) {
        this.model = model;
        this.bladder = model.bladder();
        this.channels = channels;
        pressure = new double[channels];
        compliance = new double[channels];
        complianceAt = new double[channels];
        fillOpen = new boolean[channels];
        ventOpen = new boolean[channels];
        leaking = new boolean[channels];
        disconnected = new boolean[channels];
        stuckFill = new boolean[channels];
        open = new int[channels];
        for (int i = 0; i < channels; i++) {
            ventOpen[i] = true; // powered down: open to atmosphere
            complianceAt[i] = Double.NaN;
        }
    }

    int channels() {
        return channels;
    }

    double pressure(int channel) {
        return pressure[channel];
    }

    /** Pump duty 0..1. */
    void pump(double duty) {
        this.duty = Math.max(0, Math.min(1, duty));
    }

    void valve(int channel, Valve valve) {
        fillOpen[channel] = valve == Valve.FILL;
        ventOpen[channel] = valve == Valve.VENT;
    }

    void leak(int channel) {
        leaking[channel] = true;
    }

    void disconnect(int channel) {
        disconnected[channel] = true;
        pressure[channel] = 0;
    }

    void stickFillOpen(int channel) {
        stuckFill[channel] = true;
    }

    void failPump() {
        pumpFailed = true;
    }

    /** Advances the air flows by {@code dt} seconds. */
    void step(double dt) {
        double pm = solveManifold();
        for (int i = 0; i < channels; i++) {
            if (disconnected[i]) {
                continue; // the hose is off: whatever flows in leaves at once
            }
            double p = pressure[i];
            if (p == 0 && !isFillOpen(i)) {
                continue; // empty and shut off from the pump: every flow below is zero, nothing would change
            }
            double flow = -model.slowLeak() * p;
            if (isFillOpen(i)) {
                flow += orifice(model.fillOrifice(), pm - p);
            }
            if (ventOpen[i]) {
                flow -= orifice(model.ventOrifice(), p);
            }
            if (leaking[i]) {
                flow -= orifice(model.leakOrifice(), p);
            }
            if (flow != 0) {
                double next = p + flow * dt / compliance(i, p);
                // an emptied chamber comes to rest at exactly 0 rather than approach it for ever (and cost steps)
                pressure[i] = Math.abs(next) < EMPTY_MMHG && !isFillOpen(i) ? 0 : next;
            }
        }
    }

    private boolean isFillOpen(int channel) {
        return fillOpen[channel] || stuckFill[channel];
    }

    private double compliance(int channel, double p) {
        if (!(Math.abs(p - complianceAt[channel]) < COMPLIANCE_REUSE_MMHG)) {
            compliance[channel] = bladder.compliance(p);
            complianceAt[channel] = p;
        }
        return compliance[channel];
    }

    /** The pump's flow into the manifold at pressure {@code pm}; a check valve stops any back flow. */
    private double pumpFlow(double pm) {
        return pumpFailed ? 0 : model.pumpFlow() * Math.max(0, duty - pm / model.pumpStall());
    }

    /**
     * The manifold pressure at which the pump's flow equals what flows into the chambers open
     * to it (pump flow falls with back pressure and is shared by every open chamber).
     */
    private double solveManifold() {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        int opened = 0;
        for (int i = 0; i < channels; i++) {
            if (isFillOpen(i)) {
                open[opened++] = i;
                double p = chamberSide(i);
                low = Math.min(low, p);
                high = Math.max(high, p);
            }
        }
        if (opened == 0) {
            manifold = pumpFailed ? 0 : duty * model.pumpStall(); // dead-headed
            return manifold;
        }
        high = Math.max(high, pumpFailed ? 0 : duty * model.pumpStall());
        // balance(pm) = pump flow - flow into chambers falls strictly with pm: balance(low) >= 0 >= balance(high)
        double x = Math.max(low, Math.min(high, manifold));
        double fill = model.fillOrifice();
        for (int iteration = 0; iteration < 40 && high - low > 1e-6; iteration++) {
            double balance = pumpFlow(x);
            double slope = pumpFailed || duty - x / model.pumpStall() <= 0 ? 0 : -model.pumpFlow() / model.pumpStall();
            for (int k = 0; k < opened; k++) {
                double dp = x - chamberSide(open[k]);
                // orifice(fill, dp) and its derivative by dp, with one square root for both
                double a = Math.abs(dp) + LAMINAR_MMHG;
                double root = Math.sqrt(a);
                balance -= fill * dp / root;
                slope -= fill * (Math.abs(dp) / 2 + LAMINAR_MMHG) / (a * root);
            }
            if (Math.abs(balance) < 1e-4) {
                break;
            }
            if (balance > 0) {
                low = x;
            } else {
                high = x;
            }
            double next = slope < 0 ? x - balance / slope : Double.NaN;
            x = next > low && next < high ? next : (low + high) / 2;
        }
        manifold = x;
        return x;
    }

    /** The pressure behind a channel's fill valve: the chamber's, or the open air where its hose is off. */
    private double chamberSide(int channel) {
        return disconnected[channel] ? 0 : pressure[channel];
    }

    /** Flow through an orifice: ~ k sqrt(dp), linear (laminar) below {@link #LAMINAR_MMHG}. */
    static double orifice(double k, double dp) {
        return k * dp / Math.sqrt(Math.abs(dp) + LAMINAR_MMHG);
    }
}
