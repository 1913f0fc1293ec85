/**
 * The Dependence view: how dependent a model's codebooks are, as the K × K mutual-information matrix at a
 * frame offset or under the delay alignment, with total correlation and the engine's sample-adequacy
 * verdicts in words; measured over the selected clip, a folder of audio or the model's validation set, for
 * one model or two side by side with their difference.
 */
package studio.codebook.ui.dependence;
