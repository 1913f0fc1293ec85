/**
 * The Library view and the clip library behind it: generated clips as WAV files with JSON sidecars in the
 * user's data folder, searchable, playable, regenerable and deletable.
 */
package studio.codebook.ui.library;
