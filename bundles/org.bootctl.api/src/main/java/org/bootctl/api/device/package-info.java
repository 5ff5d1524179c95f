/**
 * Devices and the driver SPI. A driver bundle registers one {@link org.bootctl.api.device.BootConnection}
 * service per boot unit it can talk to, while it can, and unregisters it when the unit goes away;
 * the engine owns every registered connection and is the only writer to it.
 */
@Export
@Version("1.2.0")
package org.bootctl.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
