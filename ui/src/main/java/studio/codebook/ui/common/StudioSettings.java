package studio.codebook.ui.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import studio.codebook.engine.generate.GenerationParams;

/**
 * What the studio remembers between runs. Immutable; change it with the {@code with…} methods and let
 * {@link SettingsStore} write it. Missing fields (an older file) take their defaults, unknown ones are
 * ignored.
 *
 * @param lastModel the folder of the model loaded last, or null
 * @param device "auto" (the GPU when DJL sees one, else the CPU) or "cpu"
 * @param windowWidth the main window's width in pixels
 * @param windowHeight the main window's height in pixels
 * @param promptHistory prompts used, most recent first, at most {@link #HISTORY_SIZE}
 * @param presetChips prompts offered as one-click chips in Generate
 * @param sampling the sampling settings the user last set in Generate, or null while they are the defaults (so a
 *     newer studio's measured defaults reach users who never changed them). A {@code generation} object in files
 *     from before 2026-11-27 is ignored: the studio wrote its own defaults there, never the user's choice
 * @param dataFolder where clips and user models live, or null for the studio's home folder
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudioSettings(
        String lastModel,
        String device,
        double windowWidth,
        double windowHeight,
        List<String> promptHistory,
        List<String> presetChips,
        Sampling sampling,
        String dataFolder) {

    public static final int HISTORY_SIZE = 50;
    public static final String DEVICE_AUTO = "auto";
    public static final String DEVICE_CPU = "cpu";

    /** Chips worded as the model's captions are worded. */
    public static final List<String> DEFAULT_CHIPS = List.of(
            "upbeat house with a piano lead, 124 bpm",
            "calm ambient pads in D minor",
            "funky bass and drums, 100 bpm",
            "lo-fi hip hop with a mellow electric piano",
            "driving techno with a saw lead");

    /**
     * The sampling settings the user last set in Generate, which the next start of the studio begins with. Values
     * out of range (a hand-edited file) take their default one by one.
     *
     * @param durationSeconds clip length
     * @param topK top-k (0 = no limit)
     * @param topP top-p (0 = off)
     * @param temperature sampling temperature
     * @param cfgScale classifier-free guidance scale
     * @param windowSeconds the window the LM reads at once (0 = as trained)
     * @param variants clips per request
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sampling(double durationSeconds, int topK, double topP, double temperature, double cfgScale,
            double windowSeconds, int variants) {

        /** As many variants as Generate offers. */
        public static final int MAX_VARIANTS = 4;

        /** The engine's defaults ({@link GenerationParams#defaults}). */
        public static final Sampling DEFAULTS = of(GenerationParams.defaults("", 0));

        /** Out-of-range values take their default one by one. */
        public Sampling {
            durationSeconds = durationSeconds > 0 && durationSeconds <= GenerationParams.MAX_DURATION_SECONDS
                    ? durationSeconds : GenerationParams.DEFAULT_DURATION_SECONDS;
            topK = topK >= 0 ? topK : GenerationParams.DEFAULT_TOP_K;
            topP = topP >= 0 && topP <= 1 ? topP : 0;
            temperature = temperature > 0 && temperature <= 10 ? temperature : GenerationParams.DEFAULT_TEMPERATURE;
            cfgScale = cfgScale >= 0 && cfgScale <= 30 ? cfgScale : GenerationParams.DEFAULT_CFG_SCALE;
            windowSeconds = windowSeconds == 0 || windowSeconds >= GenerationParams.MIN_WINDOW_SECONDS
                    && windowSeconds <= GenerationParams.MAX_DURATION_SECONDS
                    ? windowSeconds : GenerationParams.DEFAULT_WINDOW_SECONDS;
            variants = variants >= 1 && variants <= MAX_VARIANTS ? variants : 1;
        }

        /** From the settings file: a missing value takes its default (0 is a real guidance scale and window). */
        @JsonCreator
        static Sampling read(
                @JsonProperty("durationSeconds") Double durationSeconds,
                @JsonProperty("topK") Integer topK,
                @JsonProperty("topP") Double topP,
                @JsonProperty("temperature") Double temperature,
                @JsonProperty("cfgScale") Double cfgScale,
                @JsonProperty("windowSeconds") Double windowSeconds,
                @JsonProperty("variants") Integer variants) {
            return new Sampling(or(durationSeconds, GenerationParams.DEFAULT_DURATION_SECONDS),
                    topK == null ? GenerationParams.DEFAULT_TOP_K : topK, or(topP, 0),
                    or(temperature, GenerationParams.DEFAULT_TEMPERATURE), or(cfgScale, GenerationParams.DEFAULT_CFG_SCALE),
                    or(windowSeconds, GenerationParams.DEFAULT_WINDOW_SECONDS), variants == null ? 1 : variants);
        }

        private static double or(Double value, double otherwise) {
            return value == null ? otherwise : value;
        }

        /** The sampling part of a run's parameters (the prompt and the seed are not remembered). */
        public static Sampling of(GenerationParams p) {
            return new Sampling(p.durationSeconds(), p.topK(), p.topP(), p.temperature(), p.cfgScale(),
                    p.windowSeconds(), p.variants());
        }
    }

    @JsonCreator
    public StudioSettings(
            @JsonProperty("lastModel") String lastModel,
            @JsonProperty("device") String device,
            @JsonProperty("windowWidth") double windowWidth,
            @JsonProperty("windowHeight") double windowHeight,
            @JsonProperty("promptHistory") List<String> promptHistory,
            @JsonProperty("presetChips") List<String> presetChips,
            @JsonProperty("sampling") Sampling sampling,
            @JsonProperty("dataFolder") String dataFolder) {
        this.lastModel = lastModel == null || lastModel.isBlank() ? null : lastModel;
        this.device = DEVICE_CPU.equals(device) ? DEVICE_CPU : DEVICE_AUTO;
        this.windowWidth = windowWidth >= 640 && windowWidth <= 10_000 ? windowWidth : 1280;
        this.windowHeight = windowHeight >= 480 && windowHeight <= 10_000 ? windowHeight : 800;
        this.promptHistory = promptHistory == null ? List.of()
                : List.copyOf(promptHistory.stream().filter(p -> p != null && !p.isBlank()).limit(HISTORY_SIZE).toList());
        this.presetChips = presetChips == null ? DEFAULT_CHIPS
                : List.copyOf(presetChips.stream().filter(p -> p != null && !p.isBlank()).toList());
        this.sampling = Sampling.DEFAULTS.equals(sampling) ? null : sampling;
        this.dataFolder = dataFolder == null || dataFolder.isBlank() ? null : dataFolder;
    }

    /** Everything at its default. */
    public static StudioSettings defaults() {
        return new StudioSettings(null, null, 0, 0, null, null, null, null);
    }

    public StudioSettings withLastModel(String folder) {
        return new StudioSettings(folder, device, windowWidth, windowHeight, promptHistory, presetChips, sampling,
                dataFolder);
    }

    public StudioSettings withDevice(String newDevice) {
        return new StudioSettings(lastModel, newDevice, windowWidth, windowHeight, promptHistory, presetChips,
                sampling, dataFolder);
    }

    public StudioSettings withWindowSize(double width, double height) {
        return new StudioSettings(lastModel, device, width, height, promptHistory, presetChips, sampling, dataFolder);
    }

    /** The prompt moved (or added) to the front of the history; the oldest falls off past the limit. */
    public StudioSettings withPromptUsed(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return this;
        }
        List<String> history = new ArrayList<>();
        history.add(prompt.strip());
        promptHistory.stream().filter(p -> !p.equals(prompt.strip())).forEach(history::add);
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, history, presetChips, sampling,
                dataFolder);
    }

    public StudioSettings withPresetChips(List<String> chips) {
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, promptHistory, chips, sampling,
                dataFolder);
    }

    /** The sampling settings Generate starts with next time; the defaults (or null) are stored as null. */
    public StudioSettings withSampling(Sampling chosen) {
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, promptHistory, presetChips, chosen,
                dataFolder);
    }

    /** The sampling settings Generate starts with: the user's last, else the defaults. */
    public Sampling samplingOrDefaults() {
        return sampling == null ? Sampling.DEFAULTS : sampling;
    }

    public StudioSettings withDataFolder(String folder) {
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, promptHistory, presetChips, sampling,
                folder);
    }
}
