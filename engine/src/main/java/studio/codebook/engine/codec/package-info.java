/**
 * The neural audio codec: a SEANet-style convolutional encoder and decoder (as in EnCodec) around a
 * {@link studio.codebook.engine.quantize.Quantizer}, assembled by
 * {@link studio.codebook.engine.codec.CompressionModel}, which turns audio into {@link
 * studio.codebook.engine.codec.Codes} and back.
 */
package studio.codebook.engine.codec;
