package hudson.model;

/** Shim of core's Item: only the type, for {@link ItemGroup}'s bound. */
public interface Item {}
