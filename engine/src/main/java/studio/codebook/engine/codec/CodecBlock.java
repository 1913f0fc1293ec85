package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import studio.codebook.engine.quantize.QuantizedLatent;
import studio.codebook.engine.quantize.Quantizer;

/**
 * Encoder → quantizer → decoder as one DJL block, so that the whole codec's parameters (weights and the
 * quantizer's EMA state) are saved, loaded and trained together.
 *
 * <p>{@code forward} takes audio [B, C, L] and returns [reconstruction [B, C, L], codes [B, K', T],
 * commitment loss (scalar), latent [B, D, T]]: what a training step needs. The reconstruction is cut to the
 * input length.
 */
public final class CodecBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SeanetEncoder encoder;
    private final Quantizer quantizer;
    private final AudioDecoder decoder;

    public CodecBlock(SeanetEncoder encoder, Quantizer quantizer, AudioDecoder decoder) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", encoder);
        this.quantizer = addChildBlock("quantizer", quantizer);
        this.decoder = addChildBlock("decoder", decoder);
    }

    public SeanetEncoder encoder() {
        return encoder;
    }

    public Quantizer quantizer() {
        return quantizer;
    }

    /** The decoder: a {@link SeanetDecoder} or a {@link SpectralDecoder}, as the codec's configuration says. */
    public AudioDecoder decoder() {
        return decoder;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray audio = inputs.singletonOrThrow();
        long length = audio.getShape().get(2);
        NDArray latent = encoder.forward(ps, new NDList(audio), training).singletonOrThrow();
        QuantizedLatent q = quantizer.quantize(ps, latent, training);
        NDArray decoded = decoder.forward(ps, new NDList(q.quantized()), training).singletonOrThrow();
        NDArray reconstruction = decoded.get(":, :, :" + length);
        return new NDList(reconstruction, q.codes(), q.commitmentLoss(), latent);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape audio = inputShapes[0];
        Shape latent = encoder.getOutputShapes(new Shape[] {audio})[0];
        return new Shape[] {
            audio, new Shape(audio.get(0), quantizer.numCodebooks(), latent.get(2)), new Shape(), latent
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape latent = encoder.getOutputShapes(inputShapes)[0];
        encoder.initialize(manager, dataType, inputShapes);
        quantizer.initialize(manager, dataType, latent);
        decoder.initialize(manager, dataType, latent);
    }
}
