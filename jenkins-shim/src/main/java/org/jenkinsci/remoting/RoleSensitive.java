package org.jenkinsci.remoting;

/** Shim of remoting's RoleSensitive. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
