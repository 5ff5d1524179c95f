package org.bootctl.hub.dashboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** uPlot, embedded from its WebJar at build time, at {@code /webjars/uplot/1.6.30/dist/...}: no CDN. */
@Component(service = UplotFiles.class)
@HttpWhiteboardResource(pattern = "/webjars/*", prefix = "/META-INF/resources/webjars")
public final class UplotFiles {
}
