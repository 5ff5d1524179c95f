/**
 * Sessions: the {@link org.bootctl.api.session.SessionService} that UIs drive, the listeners
 * (whiteboard services) it calls off its control loop, and the history of past sessions.
 *
 * <p>Who implements what: the engine implements {@link org.bootctl.api.session.SessionService},
 * {@link org.bootctl.api.session.SessionHistory} and {@link org.bootctl.api.session.LoopStatistics}
 * ({@code @ProviderType}: UIs use them, nobody else implements them). UIs and other bundles implement
 * {@link org.bootctl.api.session.SessionListener} and {@link org.bootctl.api.session.TelemetryListener}
 * and register them as services ({@code @ConsumerType}); the engine calls them on threads of its own,
 * never on a control loop, so a slow listener never delays a device. The records are snapshots made by
 * the engine. Pressures are in mmHg, times in ms, channels in the device's order.
 */
@Export
@Version("2.1.0")
package org.bootctl.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
