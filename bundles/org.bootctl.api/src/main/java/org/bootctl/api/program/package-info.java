/**
 * The program SPI: a {@link org.bootctl.api.program.Program} compiles, for one
 * {@link org.bootctl.api.program.Garment} and one set of {@link org.bootctl.api.program.Settings},
 * into an immutable {@link org.bootctl.api.program.Plan}. The engine runs plans and never calls
 * program code during a session.
 *
 * <p>Who implements what: program bundles implement {@link org.bootctl.api.program.Program} and
 * register it as a service ({@code @ConsumerType}); bootctl's programs bundle implements
 * {@link org.bootctl.api.program.ProgramLibrary} ({@code @ProviderType}), which UIs use to list,
 * check, upload and delete program files. The records are immutable data that check their own
 * components. Pressures are in mmHg, times in ms, zones numbered from 1 (distal). The engine checks
 * every plan before any air moves: targets within {@link org.bootctl.api.program.Settings#limit(int)}
 * and 10 mmHg under the device's hard limit, and the bounds listed on
 * {@link org.bootctl.api.program.Plan}. docs/PROGRAM-BUNDLES.md tells how to write a program bundle.
 */
@Export
@Version("1.3.0")
package org.bootctl.api.program;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
