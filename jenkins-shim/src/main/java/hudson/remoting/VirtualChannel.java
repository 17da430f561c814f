package hudson.remoting;

/** Shim of remoting's VirtualChannel (no member is used). */
public interface VirtualChannel {}
