package org.bootctl.api.program;

/**
 * What a person reads about a program before choosing it. Immutable; the engine refuses a start on
 * a garment outside {@code minZones..maxZones} before it calls {@link Program#compile}.
 *
 * @param id          stable id, e.g. {@code sequential}: lower-case letters, digits and {@code -},
 *                    used by no other program (prefix it with your company or product)
 * @param name        display name
 * @param version     the program's own version
 * @param author      who wrote it; may be null
 * @param description one or two sentences
 * @param minZones    the fewest zones it supports
 * @param maxZones    the most zones it supports
 */
public record ProgramInfo(String id, String name, String version, String author, String description,
                          int minZones, int maxZones) {

    /**
     * Whether the program supports the garment's number of zones.
     *
     * @param garment the garment, not null
     * @return true for {@code minZones <= garment.zones() <= maxZones}
     */
    public boolean supports(Garment garment) {
        return garment.zones() >= minZones && garment.zones() <= maxZones;
    }

    /**
     * The zones the program supports, in words.
     *
     * @return e.g. {@code 2 to 12 zones}, or {@code 4 zones} when the fewest and the most are the same
     * @since 1.3
     */
    public String zoneRange() {
        return minZones == maxZones ? minZones + " zones" : minZones + " to " + maxZones + " zones";
    }

    /**
     * Refuses a garment the program does not support, in the words every program uses; a program
     * calls it first in {@link Program#compile}.
     *
     * @param garment the garment, not null
     * @throws PlanException when the program does not {@link #supports(Garment) support} it, e.g.
     *                       {@code sequential runs on garments of 2 to 12 zones; this one has 1}
     * @since 1.3
     */
    public void requireSupported(Garment garment) throws PlanException {
        if (!supports(garment)) {
            throw new PlanException(id + " runs on garments of " + zoneRange() + "; this one has " + garment.zones());
        }
    }
}
