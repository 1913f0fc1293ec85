/**
 * The language model over codec codes (MusicGen-style): {@link studio.codebook.engine.lm.TransformerLm}
 * sees at each pattern step a K-tuple of tokens (codes, or the special token for empty slots), is
 * conditioned on text states through cross-attention, and predicts the K tokens of the next step with
 * K output heads. {@link studio.codebook.engine.lm.LmSession} is its KV-cached incremental path for
 * generation; {@link studio.codebook.engine.lm.LmConfig} holds its sizes.
 */
package studio.codebook.engine.lm;
