/**
 * Time as the engine sees it: a clock that can also run tasks. The engine runs a device's loop on
 * real time, or on the {@link org.bootctl.api.time.VirtualTimebase} of a simulated unit, on which a
 * 30-minute session runs in well under a second, the same every run. Both interfaces are
 * implemented by bootctl only ({@code @ProviderType}); drivers, programs and UIs never implement
 * them, and a driver never needs them.
 */
@Export
@Version("2.0.0")
package org.bootctl.api.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
