/**
 * Devices and the driver SPI. A driver bundle registers one {@link org.bootctl.api.device.BootConnection}
 * service per boot unit it can talk to, while it can, and unregisters it when the unit goes away;
 * the engine owns every registered connection and is the only writer to it.
 *
 * <p>Who implements what: drivers implement {@link org.bootctl.api.device.HostRegulatedConnection} or
 * {@link org.bootctl.api.device.DeviceRegulatedConnection} (both a
 * {@link org.bootctl.api.device.BootConnection}), by who regulates the pressure; the engine
 * implements {@link org.bootctl.api.device.BootConnection.Listener}; only the simulator implements
 * {@link org.bootctl.api.device.SimulatedUnit}. The records and classes here are data, made by drivers
 * ({@link org.bootctl.api.device.DeviceDescription}, {@link org.bootctl.api.device.Sample},
 * {@link org.bootctl.api.device.DeviceFault}) and read by the engine and UIs. A driver describes the
 * models it knows with {@link org.bootctl.api.device.ModelDescription}s in a
 * {@link org.bootctl.api.device.ModelCatalog} service; the engine's
 * {@link org.bootctl.api.device.ModelRegistry} collects them for every other part. Units: pressures in mmHg,
 * times in ms unless a name says otherwise; zones are numbered from 1 (distal), channels from 0 in the
 * device's own order. docs/DRIVERS.md tells how to write a driver.
 */
@Export
@Version("2.0.0")
package org.bootctl.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
