/**
 * The neural audio codec: a SEANet-style convolutional encoder (as in EnCodec) and a decoder around a
 * {@link studio.codebook.engine.quantize.Quantizer}, assembled by
 * {@link studio.codebook.engine.codec.CompressionModel}, which turns audio into {@link
 * studio.codebook.engine.codec.Codes} and back. The decoder is either EnCodec's SEANet mirror of the encoder
 * ({@link studio.codebook.engine.codec.SeanetDecoder}) or a Vocos-style
 * {@link studio.codebook.engine.codec.SpectralDecoder} that predicts each frame's spectrum and inverts it
 * ({@link studio.codebook.engine.codec.InverseStft}); the codec's configuration says which.
 */
package studio.codebook.engine.codec;
