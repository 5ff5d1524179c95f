/**
 * Jetty's own refusals (what the server answers before any servlet sees a request) as JSON, for
 * the two HTTP servers bootctl runs: the controller's web API and the fleet hub's. Not exported:
 * the hub bundle carries a copy of this package (bnd {@code -conditionalpackage}); each server
 * gives the body in its own error shape.
 */
package org.bootctl.web.jetty;
