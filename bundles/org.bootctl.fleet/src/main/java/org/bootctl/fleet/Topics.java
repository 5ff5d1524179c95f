package org.bootctl.fleet;

/** The topics of one unit (docs/FLEET.md, the contract): everything under {@code bootctl/v1/{site}/{unit}/}. */
record Topics(String site, String unit) {

    static final String ROOT = "bootctl/v1/";

    Topics {
        Names.site(site);
        Names.unit(unit);
    }

    String base() {
        return ROOT + site + "/" + unit + "/";
    }

    String status() {
        return base() + "status";
    }

    String device(String device) {
        return base() + "devices/" + device;
    }

    String telemetry(String device) {
        return device(device) + "/telemetry";
    }

    String events() {
        return base() + "events";
    }

    String records() {
        return base() + "records";
    }

    String reply() {
        return base() + "reply";
    }

    /** Subscription to every command: {@code cmd/{verb}}. */
    String commands() {
        return base() + "cmd/+";
    }

    String commandPrefix() {
        return base() + "cmd/";
    }

    String sitePrograms() {
        return ROOT + site + "/programs/+";
    }

    String allPrograms() {
        return ROOT + "all/programs/+";
    }

    /** A device id that can be a topic level: no wildcard, no separator, not empty. */
    static boolean usable(String level) {
        return level != null && !level.isEmpty() && level.indexOf('/') < 0 && level.indexOf('+') < 0
                && level.indexOf('#') < 0 && level.indexOf('\0') < 0;
    }
}
