package org.bootctl.web;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** uPlot, embedded from its WebJar at build time, served at {@code /webjars/uplot/1.6.30/dist/...}: no CDN. */
@Component(service = WebjarResources.class)
@HttpWhiteboardResource(pattern = "/webjars/*", prefix = "/META-INF/resources/webjars")
public final class WebjarResources {
}
