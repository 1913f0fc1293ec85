/**
 * Codebook patterns: how the K parallel code streams of a clip ([K][T] codes) are laid out as the
 * step sequence a language model reads and writes ([K][S] tokens), and back.
 *
 * <p>Conventions shared by every pattern (REFERENCE.md, "Patterns"): step 0 is always empty (the
 * BOS); every empty slot holds the special token, which equals the codebook cardinality; the
 * output at step s predicts step s + 1. {@link studio.codebook.engine.pattern.CodebookPattern#of}
 * picks a pattern by the name stored in {@code model.json}.
 */
package studio.codebook.engine.pattern;
