package org.bootctl.deploy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.bootctl.deploy}; features set it from the variable {@code deploy-allow}. */
@ObjectClassDefinition(name = "bootctl deploy", description = "Which bundles the data folder's deploy/ takes")
@interface DeployConfig {

    String PID = "org.bootctl.deploy";

    @AttributeDefinition(description = "Bundle symbolic names the deploy folder installs, as patterns separated by"
            + " commas (org.example.*, com.acme.driver); * takes any bundle. Other jars are refused and left in place.")
    String[] allow() default {AllowList.ALL};
}
