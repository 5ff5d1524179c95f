package org.bootctl.web;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.bootctl.web}. The port and bind address are Felix HTTP's ({@code org.apache.felix.http}). */
@ObjectClassDefinition(name = "bootctl web", description = "Access rules of the web UI and its API")
@interface WebConfig {

    String PID = "org.bootctl.web";

    @AttributeDefinition(description = "Access token: when set, every request that changes something from another "
            + "machine, and every program upload or delete, needs 'Authorization: Bearer <token>'. Empty: none.",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String token() default "";

    @AttributeDefinition(description = "Host names the UI may be reached by besides localhost and the bound address "
            + "(e.g. the unit's own name on the network)")
    String[] allowedHosts() default {};

    @AttributeDefinition(description = "Requests a second one client address may send, sustained; more are "
            + "answered 429 with Retry-After. 0: no limit. The emergency stop is never limited.")
    int rateLimit() default 50;

    @AttributeDefinition(description = "Requests one client address may send at once beyond the sustained rate "
            + "(a page loading its files and data)")
    int rateBurst() default 100;

    @AttributeDefinition(description = "Requests one client address may have in progress at once (an upload "
            + "still arriving counts); more are answered 429 at once, their bodies unread. 0: no limit. "
            + "The emergency stop is never limited.")
    int requestsInFlightPerClient() default 16;

    @AttributeDefinition(description = "Event streams (GET /api/events) one client address may hold open at once; "
            + "more are 429. 0: no limit per client (the server's own limit of 200 streams still holds).")
    int eventStreamsPerClient() default 6;
}
