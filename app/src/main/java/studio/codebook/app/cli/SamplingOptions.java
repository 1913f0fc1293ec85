package studio.codebook.app.cli;

import picocli.CommandLine.Option;
import studio.codebook.engine.generate.GenerationParams;

/**
 * The sampling settings of {@code generate} and {@code evaluate --generation}: top-k, top-p, temperature, the
 * guidance scale and the window, with MusicGen's defaults but the temperature
 * ({@link GenerationParams#DEFAULT_TEMPERATURE}), the guidance ({@link GenerationParams#DEFAULT_CFG_SCALE}) and the
 * window ({@link GenerationParams#DEFAULT_WINDOW_SECONDS}).
 * Evaluating with the settings a user generates with is the point.
 */
final class SamplingOptions {

    @Option(names = "--top-k", defaultValue = "" + GenerationParams.DEFAULT_TOP_K, paramLabel = "K", description = "Top-k sampling; 0 = off (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "0", paramLabel = "P", description = "Nucleus sampling; 0 = off (default ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--temperature", defaultValue = "" + GenerationParams.DEFAULT_TEMPERATURE, paramLabel = "T", description = "Sampling temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--cfg", defaultValue = "" + GenerationParams.DEFAULT_CFG_SCALE, paramLabel = "C", description = "Guidance scale; 1 = none (default ${DEFAULT-VALUE}).")
    double cfg;

    @Option(names = "--window", defaultValue = "" + GenerationParams.DEFAULT_WINDOW_SECONDS, paramLabel = "S",
            description = "Seconds the language model reads at once; a longer clip is made in windows that each "
                    + "continue from the end of the last. 0 = as long as the model was trained on (default "
                    + "${DEFAULT-VALUE}).")
    double window;

    /** The settings of one generation with these sampling settings ({@link GenerationParams} checks the ranges). */
    GenerationParams params(String prompt, String negative, double seconds, long seed, int variants) {
        return new GenerationParams(prompt, negative, seconds, topK, topP, temperature, cfg, seed, variants, window);
    }
}
