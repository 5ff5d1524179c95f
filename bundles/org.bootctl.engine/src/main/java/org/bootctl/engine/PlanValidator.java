package org.bootctl.engine;

import java.util.Locale;
import java.util.Objects;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.session.SessionException;

/**
 * Compiles a program for a device and checks the plan before any air moves (on the caller's
 * thread): the program supports the garment, boost zones exist, the plan has the garment's zones,
 * every target is within the session limit (cap, or cap + 10 on a boosted zone) and at least
 * 10 mmHg under the device's hard limit, and the plan is within the bounds any program is held to
 * (a program bundle is foreign code: its plan may be anything). Anything else is REFUSED with the
 * reason.
 */
final class PlanValidator {

    static final double HEADROOM_MMHG = 10;
    /** Bounds on any plan, as for program files (PROGRAMS.md): steps in a cycle, a step's hold, a fill's limit, the minimum cycle. */
    static final int MAX_STEPS = 1000;
    static final long MAX_HOLD_MS = 3_600_000;
    static final long MAX_FILL_LIMIT_MS = 600_000;
    static final long MAX_MIN_CYCLE_MS = 3_600_000;

    private PlanValidator() {
    }

    static Plan plan(Program program, DeviceDescription device, Settings settings) throws SessionException {
        return plan(null, program, device, settings);
    }

    /**
     * The checked plan, named as the program was chosen: by {@code chosenId}, else (a program given
     * itself) by the id and version of its info. A plan is the program's own: what it calls itself is
     * not taken on trust, so the session and its history name the program that ran.
     */
    static Plan plan(String chosenId, Program program, DeviceDescription device, Settings settings)
            throws SessionException {
        Garment garment = Garment.of(device);
        ProgramInfo info = info(program);
        String id = chosenId != null ? chosenId : info.id();
        if (id == null) {
            throw refused("the program does not say what it is (no id)");
        }
        String name = "program '" + id + "'";
        if (!info.supports(garment)) {
            throw refused(name + " supports " + info.zoneRange() + "; the " + device.model() + " has "
                    + garment.zones());
        }
        for (int zone : settings.boostZones()) {
            if (zone > garment.zones()) {
                throw refused("boost zone " + zone + " does not exist on the " + device.model() + " ("
                        + garment.zones() + " zones)");
            }
        }
        Plan plan = compile(program, name, garment, settings);
        checkBounds(plan, name);
        if (plan.zones() != garment.zones()) {
            throw refused(name + " made a plan for " + plan.zones() + " zones; the " + device.model() + " has "
                    + garment.zones());
        }
        checkLimits(plan, device, settings);
        checkHeadroom(plan, device, settings);
        return id.equals(plan.programId()) && Objects.equals(info.version(), plan.programVersion()) ? plan
                : new Plan(id, info.version(), plan.steps(), plan.minCycleMs());
    }

    private static ProgramInfo info(Program program) throws SessionException {
        try {
            ProgramInfo info = program.info();
            if (info == null) {
                throw refused("the program does not say what it is (no info)");
            }
            return info;
        } catch (RuntimeException | LinkageError e) {
            throw refused("the program failed to describe itself: " + reason(e));
        }
    }

    private static Plan compile(Program program, String name, Garment garment, Settings settings)
            throws SessionException {
        try {
            Plan plan = program.compile(garment, settings);
            if (plan == null) {
                throw refused(name + " made no plan");
            }
            return plan;
        } catch (PlanException e) {
            throw refused(name + ": " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // third-party code: whatever it throws is a refusal, never the caller's crash
            throw refused(name + " failed to make a plan: " + reason(e));
        }
    }

    /** The plan is no larger and no longer than any program may make. */
    private static void checkBounds(Plan plan, String name) throws SessionException {
        int steps = plan.steps().size();
        if (steps > MAX_STEPS) {
            throw refused(name + " made a plan of " + steps + " steps; a cycle has at most " + MAX_STEPS);
        }
        if (plan.minCycleMs() > MAX_MIN_CYCLE_MS) {
            throw refused(name + " asks for a cycle of at least " + duration(plan.minCycleMs()) + "; at most "
                    + duration(MAX_MIN_CYCLE_MS) + " is accepted");
        }
        for (int i = 0; i < steps; i++) {
            Step step = plan.steps().get(i);
            if (step.holdMs() > MAX_HOLD_MS) {
                throw refused(name + ", step " + (i + 1) + " of " + steps + ": a hold of " + duration(step.holdMs())
                        + "; at most " + duration(MAX_HOLD_MS) + " is accepted");
            }
            if (step.timeLimitMs() > MAX_FILL_LIMIT_MS) {
                throw refused(name + ", step " + (i + 1) + " of " + steps + ": fills may take " + duration(step.timeLimitMs())
                        + "; at most " + duration(MAX_FILL_LIMIT_MS) + " is accepted");
            }
        }
    }

    /** {@code 3600 s}, or {@code 3600001 ms} where seconds would round. */
    private static String duration(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** What a program's failure says, for a person: its message, never an exception's class name. */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "an unexpected error in its code" : message;
    }

    /** Every target within the session limit of its zone. */
    private static void checkLimits(Plan plan, DeviceDescription device, Settings settings) throws SessionException {
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            for (int z = 1; z <= plan.zones(); z++) {
                double target = step.action(z).targetMmHg();
                if (!Double.isFinite(target)) {
                    throw refused(where(plan, i, device, z) + ": target " + target + " is not a pressure");
                }
                double limit = settings.limit(z);
                if (target > limit + 1e-9) {
                    throw refused(where(plan, i, device, z) + ": target " + mmHg(target)
                            + " mmHg is above the session limit of " + mmHg(limit) + " mmHg ("
                            + describe(settings, z) + ")");
                }
            }
        }
    }

    /** Every target at least 10 mmHg under the device's hard limit. */
    private static void checkHeadroom(Plan plan, DeviceDescription device, Settings settings)
            throws SessionException {
        double highestAllowed = device.hardLimitMmHg() - HEADROOM_MMHG;
        for (int z = 1; z <= plan.zones(); z++) {
            double needs = plan.maxTarget(z);
            if (needs > highestAllowed + 1e-9) {
                throw refused(describe(settings, z) + " needs " + mmHg(needs) + " mmHg, which is within "
                        + mmHg(HEADROOM_MMHG) + " mmHg of the " + device.model() + "'s hard limit of "
                        + mmHg(device.hardLimitMmHg()) + " mmHg");
            }
        }
    }

    /** {@code step 3 of 7, zone 2 (ankle)} */
    private static String where(Plan plan, int step, DeviceDescription device, int zone) {
        return "step " + (step + 1) + " of " + plan.steps().size() + ", zone " + zone + " ("
                + device.zone(zone).name() + ")";
    }

    /** {@code level 7 (110 mmHg) + boost on zone 3}, {@code a cap of 115 mmHg} */
    static String describe(Settings settings, int zone) {
        String base = settings.level() != 0
                ? "level " + settings.level() + " (" + mmHg(settings.cap()) + " mmHg)"
                : "a cap of " + mmHg(settings.cap()) + " mmHg";
        return settings.boosted(zone) ? base + " + boost on zone " + zone : base;
    }

    /** Whole numbers without a decimal: {@code 120}, {@code 82.5}. */
    static String mmHg(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static SessionException refused(String message) {
        return new SessionException(SessionException.Reason.REFUSED, message);
    }
}
