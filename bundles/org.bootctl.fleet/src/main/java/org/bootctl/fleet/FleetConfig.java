package org.bootctl.fleet;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The fleet's configuration (PID {@code org.bootctl.fleet}); {@code bootctl run --fleet} writes it from its variables. */
@ObjectClassDefinition(name = "bootctl fleet", description = "This controller on an MQTT broker (docs/FLEET.md)")
@interface FleetConfig {

    @AttributeDefinition(description = "mqtt://HOST:PORT, or mqtts://HOST:PORT for TLS")
    String broker();

    @AttributeDefinition(description = "the site (studio) name, [a-z0-9-]{1,32}, not 'all'")
    String site();

    @AttributeDefinition(description = "this unit's name, [a-z0-9-]{1,32}, not 'programs'")
    String unit();

    String user() default "";

    /** The password itself; passwordFile keeps it out of the feature and the process list. */
    String password() default "";

    String passwordFile() default "";

    /** A PEM file with the certificate(s) that sign the broker's; empty: the JVM's trusted ones. */
    String caFile() default "";

    /** Telemetry messages per second per device; 0 sends none. */
    double telemetryHz() default 1;

    /** Whether start, pause, resume, stop and clear-fault are taken over MQTT; estop always is. */
    boolean control() default false;

    /** How many events wait while the broker is away; beyond it they are dropped and counted (1..100000). */
    int eventQueue() default Outbox.EVENT_CAPACITY;
}
