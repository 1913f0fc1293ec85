/**
 * Text conditioning: prompts to the states the LM cross-attends to.
 *
 * <p>{@link studio.codebook.engine.text.CaptionTokenizer} is our own byte-level BPE (trained here on
 * the corpus's captions, stored as a HuggingFace {@code tokenizer.json}, run by DJL's HuggingFace
 * tokenizers) — any text in any script, emoji included, encodes. {@link
 * studio.codebook.engine.text.TextEncoder} is a small bidirectional transformer sized by {@link
 * studio.codebook.engine.text.TextConfig}; {@link studio.codebook.engine.text.TextConditioner} joins
 * the two and pads a batch. The empty prompt is the unconditional condition (all padding, zero states).
 */
package studio.codebook.engine.text;
