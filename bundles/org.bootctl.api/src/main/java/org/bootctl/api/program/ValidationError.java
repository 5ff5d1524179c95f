package org.bootctl.api.program;

/**
 * One problem in a program file. Immutable.
 *
 * @param path    JSON path of the offending value, e.g. {@code $.cycle[2].zones}
 * @param line    1-based line in the file, or 0 when unknown
 * @param message what is wrong, e.g. {@code zone 9 does not exist on a 5-zone garment}
 */
public record ValidationError(String path, int line, String message) {

    /**
     * The error as the command line prints it.
     *
     * @return e.g. {@code $.cycle[2].zones: zone 9 does not exist on a 5-zone garment (line 14)}
     */
    @Override
    public String toString() {
        return path + ": " + message + (line > 0 ? " (line " + line + ")" : "");
    }
}
