/**
 * Time as the engine sees it: a clock that can also run tasks. The runtime uses
 * {@link org.bootctl.api.time.SystemTimebase}; tests, benchmarks and simulated devices use
 * {@link org.bootctl.api.time.VirtualTimebase}, on which a 30-minute session runs in well
 * under a second, the same every run. {@link org.bootctl.api.time.Timebase} is implemented by these
 * two classes only ({@code @ProviderType}); drivers, programs and UIs use it and never implement it.
 */
@Export
@Version("1.0.0")
package org.bootctl.api.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
