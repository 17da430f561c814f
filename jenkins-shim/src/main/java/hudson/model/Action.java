package hudson.model;

/** Shim of core's Action. */
public interface Action {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
