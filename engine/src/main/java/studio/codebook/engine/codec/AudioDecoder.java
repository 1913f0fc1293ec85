package studio.codebook.engine.codec;

import ai.djl.nn.Block;

/**
 * What a codec needs of its decoder, a DJL block from a latent [B, D, T] to audio [B, channels, T·hop]: a
 * {@link SeanetDecoder} or a {@link SpectralDecoder}, as the codec's configuration says.
 */
public interface AudioDecoder extends Block {

    /**
     * Decoding must start on a frame whose index in the clip is a multiple of this: 1 for a decoder whose output
     * does not depend on where in the clip its input starts; a {@link SpectralDecoder}'s reference phase
     * repeats every overlap frames.
     */
    int frameAlignment();
}
