package hudson.model;

/** Shim of core's Job (only the type is used). */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {}
