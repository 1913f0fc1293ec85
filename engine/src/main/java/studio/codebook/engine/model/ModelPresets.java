package studio.codebook.engine.model;

import java.util.List;
import java.util.Locale;
import studio.codebook.engine.codec.SeanetConfig;
import studio.codebook.engine.lm.LmConfig;
import studio.codebook.engine.text.TextConfig;
import studio.codebook.engine.quantize.QuantizerConfig;

/**
 * Architectures to start from (codec, delay-pattern language model and text encoder): {@code tiny} for
 * tests, {@code small} for the independence experiment (docs/results.md: 16 kHz, 50 frames/s, 4 × 256,
 * SEANet 16 filters, 64-dim latent, no LSTM; LM 4 × 192, text encoder 2 × 128), {@code default} for the
 * product's codec (16 kHz mono, 50 frames/s, 4 codebooks × 1024; SEANet with 24 filters, a 128-dim latent
 * and one LSTM layer: the largest candidate that encodes and decodes 10 s within 0.4 s on one CPU thread).
 */
public final class ModelPresets {

    public static final List<String> NAMES = List.of("tiny", "small", "default");

    /** Tokens a preset's tokenizer aims for (the trained tokenizer may end with fewer; see MusicModel#create). */
    public static final int TOKENIZER_VOCABULARY = 1024;

    private ModelPresets() {}

    /**
     * The architecture of a preset, without provenance.
     *
     * @param preset "tiny" or "default"
     * @param quantizerKind "rvq" or "pvq"
     */
    public static ModelConfig architecture(String preset, String quantizerKind, String id) {
        String p = preset.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "tiny" -> ModelConfig.of(id, "Tiny model (random weights)", 16_000,
                    new SeanetConfig(1, 16, 4, List.of(8, 5, 4, 2), 7, 7, 3, 1, 2, 2, 0, true, "reflect", true),
                    quantizer(quantizerKind, 4, 64, 16), null)
                    .withLanguageModel("delay", LmConfig.tiny(), TextConfig.tiny(TOKENIZER_VOCABULARY));
            case "small" -> ModelConfig.of(id, "Small model (experiments)", 16_000,
                    SeanetConfig.encodecLike(16, 64, List.of(8, 5, 4, 2), 0),
                    quantizer(quantizerKind, 4, 256, 64), null)
                    .withLanguageModel("delay", LmConfig.of(4, 256, 192, 4, 4, 1500),
                            new TextConfig(TOKENIZER_VOCABULARY, 128, 2, 4, 4, 64, 192));
            case "default" -> ModelConfig.of(id, "Default model", 16_000,
                    SeanetConfig.defaultMono16k(),
                    quantizer(quantizerKind, 4, 1024, 128), null)
                    .withLanguageModel("delay", LmConfig.defaultSize(), TextConfig.defaultSize(TOKENIZER_VOCABULARY));
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static QuantizerConfig quantizer(String kind, int k, int size, int dim) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case QuantizerConfig.RVQ -> QuantizerConfig.rvq(k, size, dim);
            case QuantizerConfig.PVQ -> QuantizerConfig.pvq(k, size, dim);
            default -> throw new IllegalArgumentException("unknown quantizer '" + kind + "' (expected rvq or pvq)");
        };
    }
}
