/**
 * Training: track libraries, losses (the independence loss among them), codec and LM trainers,
 * evaluation and the synthetic corpus. Depends on the engine only.
 */
package studio.codebook.training;
