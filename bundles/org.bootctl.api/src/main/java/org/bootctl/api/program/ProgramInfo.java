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
}
