package studio.codebook.training.eval;

import studio.codebook.engine.audio.AudioClip;

/**
 * One generated clip and the real clip whose caption prompted it.
 *
 * @param prompt the real clip: its caption was the prompt, its attributes are what should be heard
 * @param generated what the model made of the caption
 */
public record GenerationCase(LabeledClip prompt, AudioClip generated) {}
