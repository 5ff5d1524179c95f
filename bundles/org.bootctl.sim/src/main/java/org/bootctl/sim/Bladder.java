package org.bootctl.sim;

/**
 * How much air one chamber holds at a pressure: a flat bladder that unfolds quickly at low
 * pressure and then saturates, plus the fabric and the limb under it giving way a little more,
 * linearly. Air amounts are in mL at atmospheric pressure, pressures in mmHg gauge.
 *
 * <pre>
 *   V(p) = flat + unfold * (1 - exp(-p / knee)) + stretch * p          (mL)
 *   n(p) = (1 + p / 760) * V(p)                                         (mL of air at 1 atm)
 *   C(p) = dn/dp = V(p) / 760 + (1 + p / 760) * V'(p)                   (mL per mmHg)
 * </pre>
 *
 * @param flatMl              volume of the empty, flat bladder and its hose (mL)
 * @param unfoldMl            volume gained as the bladder unfolds (mL), mostly below 2-3 knees
 * @param kneeMmHg            pressure scale of unfolding (mmHg)
 * @param stretchMlPerMmHg    fabric and tissue compliance that remains at high pressure (mL/mmHg)
 */
record Bladder(double flatMl, double unfoldMl, double kneeMmHg, double stretchMlPerMmHg) {

    static final double ATMOSPHERE_MMHG = 760.0;

    /** Volume at pressure {@code p} (mL). */
    double volume(double p) {
        return flatMl + unfoldMl * (1 - Math.exp(-p / kneeMmHg)) + stretchMlPerMmHg * p;
    }

    /** Air the chamber takes in per mmHg of rise at pressure {@code p} (mL of air at 1 atm per mmHg). */
    double compliance(double p) {
        double q = Math.max(0, p);
        double dVdp = unfoldMl / kneeMmHg * Math.exp(-q / kneeMmHg) + stretchMlPerMmHg;
        return volume(q) / ATMOSPHERE_MMHG + (1 + q / ATMOSPHERE_MMHG) * dVdp;
    }
}
