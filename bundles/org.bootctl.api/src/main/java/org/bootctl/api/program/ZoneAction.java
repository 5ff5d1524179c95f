package org.bootctl.api.program;

/**
 * What one zone does during one step.
 *
 * @param kind        fill to a target (the step waits until it is reached), hold the previous target, or vent
 * @param targetMmHg  the pressure the zone is kept at during the step; 0 for vent
 */
public record ZoneAction(Kind kind, double targetMmHg) {

    public enum Kind {
        /** Drive the zone to the target (fill or vent toward it); the step waits until it is reached. */
        FILL,
        /** Keep the target the zone had; the step does not wait for it. */
        HOLD,
        /** Open the zone to atmosphere. */
        VENT
    }

    private static final ZoneAction VENT_ACTION = new ZoneAction(Kind.VENT, 0);

    public ZoneAction {
        if (kind == null) {
            throw new IllegalArgumentException("a zone action needs a kind");
        }
        if (kind == Kind.VENT ? targetMmHg != 0 : !(targetMmHg > 0)) {
            throw new IllegalArgumentException(kind == Kind.VENT
                    ? "a vent has no target"
                    : "a " + kind.name().toLowerCase() + " needs a target above 0 mmHg, not " + targetMmHg);
        }
    }

    public static ZoneAction fill(double mmHg) {
        return new ZoneAction(Kind.FILL, mmHg);
    }

    public static ZoneAction hold(double mmHg) {
        return new ZoneAction(Kind.HOLD, mmHg);
    }

    public static ZoneAction vent() {
        return VENT_ACTION;
    }
}
