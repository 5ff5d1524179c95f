/**
 * Sessions: the {@link org.bootctl.api.session.SessionService} that UIs drive, the listeners
 * (whiteboard services) it calls off its control loop, and the history of past sessions.
 */
@Export
@Version("1.1.0")
package org.bootctl.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
