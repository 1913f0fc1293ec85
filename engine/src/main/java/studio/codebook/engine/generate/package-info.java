/**
 * Generation: from a prompt (and optionally audio to continue) to codes and audio, step by step under a
 * codebook pattern, with classifier-free guidance, top-k/top-p/temperature sampling, progress, cancel,
 * streaming of finished audio, and a sliding window for clips longer than the language model's context.
 */
package studio.codebook.engine.generate;
