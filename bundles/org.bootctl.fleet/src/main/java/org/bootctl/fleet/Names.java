package org.bootctl.fleet;

import java.util.regex.Pattern;

/** Site and unit names: short, lower-case, safe in a topic; {@code all} and {@code programs} are topic words. */
final class Names {

    static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private Names() {
    }

    /** @throws IllegalArgumentException naming the rule */
    static String site(String site) {
        check("site", site);
        if (site.equals("all")) {
            throw new IllegalArgumentException("site 'all' is not a site name: bootctl/v1/all/ holds the programs for every site");
        }
        return site;
    }

    static String unit(String unit) {
        check("unit", unit);
        if (unit.equals("programs")) {
            throw new IllegalArgumentException("unit 'programs' is not a unit name: bootctl/v1/SITE/programs/ holds the site's programs");
        }
        return unit;
    }

    private static void check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a fleet name: 1 to 32 of a-z, 0-9 and -");
        }
    }
}
