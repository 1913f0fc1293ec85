package studio.codebook.engine.codec;

import java.util.List;
import studio.codebook.engine.init.SeededBlockBuilder;

/**
 * SEANet encoder (EnCodec's): audio [B, channels, L] → latent [B, D, T], T = ⌈L / hop⌉.
 *
 * <p>Layout: {@code conv_in} (channels → filters, kernelSize); then per ratio r of the
 * <em>reversed</em> ratios, {@code residualLayers} residual units (dilation dilationBase^j) and an ELU
 * followed by {@code down} (C → 2C, kernel 2r, stride r); an optional {@link SeanetLstm} with skip;
 * ELU; {@code conv_out} (C → D, lastKernelSize).
 *
 * <h2>Length contract</h2>
 * Every stride-1 convolution keeps the length and every stride-r convolution gives ⌈L / r⌉ frames
 * thanks to its extra right padding ({@link SeanetConv1d}); since ⌈⌈L/a⌉/b⌉ = ⌈L/(ab)⌉, the output
 * has exactly T = ⌈L / hop⌉ frames for every L ≥ 1, with no padding needed by the caller. The last
 * frame then sees a partially padded window (reflected or zero, per the pad mode).
 *
 * <h2>Parameter names</h2>
 * DJL prefixes child names with their position: {@code 01conv_in_weight_v},
 * {@code 02s1_res1_01conv1_weight_g}, {@code 03s1_down_bias}, …, {@code NNlstm_01lstm_l_0_i2h_WEIGHT},
 * {@code NNconv_out_weight_v}. Stage s (1-based, encoder order) has {@code filters·2^(s−1)} input
 * channels. Mapping audiocraft's {@code encoder.model.<i>} is positional: its module list has the
 * same order with ELUs as separate entries.
 */
public final class SeanetEncoder extends SeanetStack {

    SeanetEncoder(Builder builder) {
        super(builder.config(), builder.seed());
        SeanetConfig c = builder.config();
        int channels = c.filters();
        layer("conv_in", conv(c.channels(), channels, c.kernelSize(), 1), false);
        List<Integer> ratios = c.ratios();
        for (int s = 0; s < ratios.size(); s++) {
            int ratio = ratios.get(ratios.size() - 1 - s);
            String stage = "s" + (s + 1) + "_";
            for (int j = 0; j < c.residualLayers(); j++) {
                layer(stage + "res" + (j + 1), residual(channels, j), false);
            }
            layer(stage + "down", conv(channels, 2 * channels, 2 * ratio, ratio), true);
            channels *= 2;
        }
        if (c.lstmLayers() > 0) {
            layer("lstm", new SeanetLstm(channels, c.lstmLayers()), false);
        }
        layer("conv_out", conv(channels, c.dimension(), c.lastKernelSize(), 1), true);
    }

    /** A builder; the configuration is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Frames produced for {@code samples} input samples: ⌈samples / hop⌉. */
    public long frames(long samples) {
        return SeanetConv1d.ceilDiv(samples, config().hopLength());
    }

    @Override
    public String toString() {
        return "SeanetEncoder(" + config() + ")";
    }

    /** Builder: {@code setConfig} is required; {@code optSeed} (default 0) fixes the initial weights. */
    public static final class Builder extends SeededBlockBuilder<SeanetConfig, Builder> {

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public SeanetEncoder build() {
            requireConfig("the encoder needs a SeanetConfig");
            return new SeanetEncoder(this);
        }
    }
}
