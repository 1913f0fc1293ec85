/**
 * Chooses where tensors live: the GPU when DJL's PyTorch engine sees one, else the CPU, and says
 * which so the user can be shown it. Also the one place that starts the engine.
 */
package studio.codebook.engine.device;
