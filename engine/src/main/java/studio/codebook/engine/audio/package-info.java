/**
 * Audio in and out: {@link studio.codebook.engine.audio.AudioClip} (immutable float samples), reading
 * WAV, FLAC, MP3 and OGG Vorbis, writing WAV, down-mixing, resampling and loudness.
 */
package studio.codebook.engine.audio;
