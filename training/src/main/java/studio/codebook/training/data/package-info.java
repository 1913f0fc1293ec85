/**
 * Track libraries: a folder of the user's own licensed tracks becomes captioned, loudness-normalised,
 * equal-length {@link studio.codebook.training.data.Segment}s, split into training and validation by
 * track, with a {@link studio.codebook.training.data.Manifest} recording what was used, skipped and why.
 *
 * <p>The folder is treated with care: files are only opened for reading, nothing is written beside them,
 * every file that is not used is listed with a reason, and captions come from the user first (sidecar
 * files, then tags) and from automatic analysis (tempo, key, loudness, brightness) only as a fallback.
 * Entry point: {@link studio.codebook.training.data.TrackLibrary}.
 */
package studio.codebook.training.data;
