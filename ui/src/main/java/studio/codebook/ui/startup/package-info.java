/**
 * The first start: while the PyTorch native library is unpacked into DJL's cache (once, about 430 MB) a small
 * window shows how far it has come instead of a window that does not answer. Later starts skip it.
 */
package studio.codebook.ui.startup;
