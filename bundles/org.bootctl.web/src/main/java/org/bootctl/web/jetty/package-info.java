/**
 * The errors the server and the container answer themselves, as JSON: Jetty's own refusals (before
 * any servlet sees a request) and the context's error page, for the two HTTP servers bootctl runs,
 * the controller's web API and the fleet hub's. Not exported: the hub bundle carries a copy of this
 * package (bnd {@code -includepackage}, so that bnd writes its two components' descriptors there too).
 */
package org.bootctl.web.jetty;
