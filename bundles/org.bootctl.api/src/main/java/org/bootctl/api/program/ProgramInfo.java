package org.bootctl.api.program;

/**
 * What a person reads about a program before choosing it.
 *
 * @param id          stable id, e.g. {@code sequential}
 * @param name        display name
 * @param version     the program's own version
 * @param author      who wrote it
 * @param description one or two sentences
 * @param minZones    the fewest zones it supports
 * @param maxZones    the most zones it supports
 */
public record ProgramInfo(String id, String name, String version, String author, String description,
                          int minZones, int maxZones) {

    public boolean supports(Garment garment) {
        return garment.zones() >= minZones && garment.zones() <= maxZones;
    }
}
