package hudson.model;

/** Shim of core's ItemGroup: only the type, for {@link Job}'s constructor. */
public interface ItemGroup<T extends Item> {}
