package studio.codebook.engine.codec;

import java.util.List;
import studio.codebook.engine.init.SeededBlockBuilder;

/**
 * SEANet decoder (EnCodec's): latent [B, D, T] → audio [B, channels, T·hop]. The caller trims to
 * the original length.
 *
 * <p>Layout: {@code conv_in} (D → C_max = filters·2^stages, kernelSize); an optional
 * {@link SeanetLstm} with skip; then per ratio r (decoder order) an ELU followed by {@code up}
 * ({@link SeanetUpsample1d}, C → C/2, exactly ×r) and {@code residualLayers} residual units; ELU;
 * {@code conv_out} (filters → channels, lastKernelSize). No final activation (EnCodec has none).
 *
 * <p>Parameter names: {@code 01conv_in_weight_v}, {@code 02lstm_01lstm_l_0_i2h_WEIGHT},
 * {@code 03s1_up_weight_v}, {@code 04s1_res1_01conv1_weight_g}, …, {@code NNconv_out_bias}.
 */
public final class SeanetDecoder extends SeanetStack implements AudioDecoder {

    SeanetDecoder(Builder builder) {
        super(builder.config(), builder.seed());
        SeanetConfig c = builder.config();
        List<Integer> ratios = c.ratios();
        int channels = c.filters() << ratios.size();
        layer("conv_in", conv(c.dimension(), channels, c.kernelSize(), 1), false);
        if (c.lstmLayers() > 0) {
            layer("lstm", new SeanetLstm(channels, c.lstmLayers()), false);
        }
        for (int s = 0; s < ratios.size(); s++) {
            String stage = "s" + (s + 1) + "_";
            layer(stage + "up", SeanetUpsample1d.builder().setInChannels(channels).setOutChannels(channels / 2)
                    .setRatio(ratios.get(s)).optWeightNorm(c.weightNorm()).build(), true);
            channels /= 2;
            for (int j = 0; j < c.residualLayers(); j++) {
                layer(stage + "res" + (j + 1), residual(channels, j), false);
            }
        }
        layer("conv_out", conv(channels, c.channels(), c.lastKernelSize(), 1), true);
    }

    /** A builder; the configuration is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Samples produced for {@code frames} latent frames: frames · hop. */
    public long samples(long frames) {
        return frames * config().hopLength();
    }

    /** 1: its output does not depend on where in a clip its input starts. */
    @Override
    public int frameAlignment() {
        return 1;
    }

    @Override
    public String toString() {
        return "SeanetDecoder(" + config() + ")";
    }

    /** Builder: {@code setConfig} is required; {@code optSeed} (default 0) fixes the initial weights. */
    public static final class Builder extends SeededBlockBuilder<SeanetConfig, Builder> {

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public SeanetDecoder build() {
            requireConfig("the decoder needs a SeanetConfig");
            return new SeanetDecoder(this);
        }
    }
}
