/**
 * The JSON contract of the web API that the fleet bundle speaks too: the views (the shapes of
 * docs/API.md), the reading of a session's settings and the field errors. Not exported: the
 * fleet bundle carries a copy of this package (bnd {@code -conditionalpackage}), so both send
 * the same shapes and refuse the same requests with the same words.
 */
package org.bootctl.web.contract;
