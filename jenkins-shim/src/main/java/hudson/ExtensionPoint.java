package hudson;

/** Shim of core's ExtensionPoint marker. */
public interface ExtensionPoint {}
