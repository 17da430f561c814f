package org.jenkinsci.remoting;

/** Shim of remoting's RoleChecker (no member is used). */
public abstract class RoleChecker {}
