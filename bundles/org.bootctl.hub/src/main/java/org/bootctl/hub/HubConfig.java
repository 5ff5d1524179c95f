package org.bootctl.hub;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The hub's configuration (PID {@code org.bootctl.hub}; features/hub.json sets it from bootctl hub's options). */
@ObjectClassDefinition(name = "bootctl hub")
@interface HubConfig {

    String PID = "org.bootctl.hub";

    @AttributeDefinition(description = "the broker, mqtt://HOST:PORT or mqtts://HOST:PORT")
    String broker();

    @AttributeDefinition(description = "the database: empty for H2 in the data folder's hub/, or jdbc:postgresql://HOST:PORT/DB")
    String db() default "";

    @AttributeDefinition(description = "the database user (else PGUSER)")
    String dbUser() default "";

    @AttributeDefinition(description = "a file holding the database password (first line); else PGPASSWORD")
    String dbPasswordFile() default "";

    @AttributeDefinition(description = "the broker user")
    String brokerUser() default "";

    @AttributeDefinition(description = "a file holding the broker password (first line)")
    String brokerPasswordFile() default "";

    @AttributeDefinition(description = "this hub's name on the broker: its persistent session; default from the data folder")
    String hubId() default "";

    @AttributeDefinition(description = "a share group: the hubs of it split records and events (a shared subscription); empty: every hub takes all")
    String share() default "";

    @AttributeDefinition(description = "the API's access token (needed from other machines); empty for none")
    String token() default "";

    @AttributeDefinition(description = "host names the API and dashboard may be reached by besides localhost and this"
            + " server's addresses, comma-separated (e.g. hub.studio); any other name is refused (DNS rebinding)")
    String allowedHosts() default "";
}
