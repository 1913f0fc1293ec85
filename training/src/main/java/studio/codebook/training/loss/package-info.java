/**
 * The codec's training losses: waveform L1 and the multi-scale mel spectrogram ({@link
 * studio.codebook.training.loss.ReconstructionLoss}, front end {@link
 * studio.codebook.training.loss.MelSpectrogram}), the paper's independence loss between the K quantizer
 * streams ({@link studio.codebook.training.loss.IndependenceLoss}, an MMD² between their joint and the
 * product of their marginals), and evaluation metrics on plain float arrays ({@link
 * studio.codebook.training.loss.AudioMetrics}). See {@code shared/design/METHOD.md}.
 */
package studio.codebook.training.loss;
