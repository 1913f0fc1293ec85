/**
 * The Inspect view: the K token streams of a clip over time (raw or in the delay layout), hover and
 * selection, per-codebook usage, and listening to a decode from the first k codebooks against the
 * original (codec A/B).
 */
package studio.codebook.ui.inspect;
