/**
 * Pieces every view shares: the task executor that keeps engine work off the FX thread (with a
 * same-thread version for tests) and its status-bar monitor, the settings and where they live, the model
 * service (selector list, loading, leases, memory), the playback interface, and the
 * {@link studio.codebook.ui.common.StudioContext} that view models receive.
 */
package studio.codebook.ui.common;
