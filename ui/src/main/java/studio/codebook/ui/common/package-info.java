/**
 * Pieces every view shares: the task executor that keeps engine work off the FX thread (with a
 * same-thread version for tests), and the application context that view models receive.
 */
package studio.codebook.ui.common;
