package studio.codebook.engine.generate;

import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;

/**
 * One generated variant.
 *
 * @param variant 0-based index within the request
 * @param seed the seed that makes this variant again (as variant 0 of a request)
 * @param codes all frames, continued audio first
 * @param promptFrames how many leading frames came from the continued audio
 * @param audio the decoded clip at the model's rate
 */
public record GeneratedClip(int variant, long seed, Codes codes, int promptFrames, AudioClip audio) {}
