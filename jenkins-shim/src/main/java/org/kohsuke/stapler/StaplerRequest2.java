package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/** Shim of Stapler's StaplerRequest2 (the plugin uses only what HttpServletRequest declares). */
public interface StaplerRequest2 extends HttpServletRequest {}
