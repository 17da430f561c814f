/**
 * Checks of what the real Jenkins build and a real Jenkins would refuse, made here without the Jenkins repository:
 * packaging inputs, what build.xml and program.dat persist, and what crosses the remoting channel.
 */
package io.jenkins.plugins.scpuppet.check;
