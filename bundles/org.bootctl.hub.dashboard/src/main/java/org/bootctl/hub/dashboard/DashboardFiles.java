package org.bootctl.hub.dashboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** The page's scripts, styles and icon: this bundle's {@code dashboard/} folder at {@code /dashboard/...}. */
@Component(service = DashboardFiles.class)
@HttpWhiteboardResource(pattern = "/dashboard/*", prefix = "/dashboard")
public final class DashboardFiles {
}
