package org.bootctl.hub.dashboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The page at {@code /}. The whiteboard's default pattern {@code /} hands the resource servlet no path
 * info, so it serves the prefix itself: index.html, for {@code /} and any path nothing else claims.
 */
@Component(service = DashboardPage.class)
@HttpWhiteboardResource(pattern = "/", prefix = "/dashboard/index.html")
public final class DashboardPage {
}
