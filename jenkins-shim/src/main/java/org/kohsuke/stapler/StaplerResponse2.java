package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Shim of Stapler's StaplerResponse2 (the plugin uses only what HttpServletResponse declares). */
public interface StaplerResponse2 extends HttpServletResponse {}
