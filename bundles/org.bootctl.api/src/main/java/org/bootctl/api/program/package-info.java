/**
 * The program SPI: a {@link org.bootctl.api.program.Program} compiles, for one
 * {@link org.bootctl.api.program.Garment} and one set of {@link org.bootctl.api.program.Settings},
 * into an immutable {@link org.bootctl.api.program.Plan}. The engine runs plans and never calls
 * program code during a session.
 */
@Export
@Version("1.2.0")
package org.bootctl.api.program;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
