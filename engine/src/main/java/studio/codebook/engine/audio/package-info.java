/**
 * Audio in and out: {@link studio.codebook.engine.audio.AudioClip} (immutable float samples),
 * {@link studio.codebook.engine.audio.AudioReader} (WAV, FLAC, MP3 with gapless trimming and Ogg Vorbis,
 * recognised by content; failures are {@link studio.codebook.engine.audio.AudioFormatException}s that name
 * the file), {@link studio.codebook.engine.audio.WavWriter} (16/24-bit PCM, atomic) and
 * {@link studio.codebook.engine.audio.FlacWriter} (16/24-bit, pure Java), both with text tags
 * ({@link studio.codebook.engine.audio.AudioTags}: WAV LIST/INFO, FLAC Vorbis comments),
 * {@link studio.codebook.engine.audio.ChannelMix}, {@link studio.codebook.engine.audio.Resampling} and
 * {@link studio.codebook.engine.audio.Loudness} (peak, RMS, BS.1770 LUFS, normalisation). Why these
 * decoders: docs/decisions/0001-audio-decoders.md.
 */
package studio.codebook.engine.audio;
