/**
 * The run report as the controller accepts it from an agent. The agent runs the deploy and sends its report JSON
 * back; the controller trusts none of it. {@link io.jenkins.plugins.scpuppet.agentreport.ReportSchema} reads it into
 * a typed {@link io.jenkins.plugins.scpuppet.agentreport.RunReport} within {@link
 * io.jenkins.plugins.scpuppet.agentreport.ReportLimits} (known statuses, numbers as numbers, bounded sizes), and only
 * that model, written again by {@link io.jenkins.plugins.scpuppet.agentreport.ReportJson}, is stored and served.
 */
package io.jenkins.plugins.scpuppet.agentreport;
