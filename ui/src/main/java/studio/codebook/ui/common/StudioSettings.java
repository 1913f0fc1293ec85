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
 * @param generation the sampling settings Generate starts with
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
        GenerationDefaults generation,
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
     * Sampling settings Generate starts with, unless the user changed them: MusicGen's defaults but the
     * temperature ({@link GenerationParams#DEFAULT_TEMPERATURE}).
     *
     * @param durationSeconds clip length
     * @param topK top-k (0 = no limit)
     * @param topP top-p (0 = off)
     * @param temperature sampling temperature
     * @param cfgScale classifier-free guidance scale
     * @param variants clips per request
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GenerationDefaults(double durationSeconds, int topK, double topP, double temperature,
            double cfgScale, int variants) {

        public static final GenerationDefaults STANDARD = new GenerationDefaults(10, 250, 0,
                GenerationParams.DEFAULT_TEMPERATURE, GenerationParams.DEFAULT_CFG_SCALE, 1);

        @JsonCreator
        public GenerationDefaults(
                @JsonProperty("durationSeconds") double durationSeconds,
                @JsonProperty("topK") int topK,
                @JsonProperty("topP") double topP,
                @JsonProperty("temperature") double temperature,
                @JsonProperty("cfgScale") double cfgScale,
                @JsonProperty("variants") int variants) {
            this.durationSeconds = durationSeconds > 0 ? durationSeconds : 10;
            this.topK = Math.max(0, topK);
            this.topP = topP >= 0 && topP <= 1 ? topP : 0;
            this.temperature = temperature > 0 ? temperature : GenerationParams.DEFAULT_TEMPERATURE;
            this.cfgScale = cfgScale >= 0 ? cfgScale : GenerationParams.DEFAULT_CFG_SCALE;
            this.variants = variants >= 1 && variants <= 4 ? variants : 1;
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
            @JsonProperty("generation") GenerationDefaults generation,
            @JsonProperty("dataFolder") String dataFolder) {
        this.lastModel = lastModel == null || lastModel.isBlank() ? null : lastModel;
        this.device = DEVICE_CPU.equals(device) ? DEVICE_CPU : DEVICE_AUTO;
        this.windowWidth = windowWidth >= 640 && windowWidth <= 10_000 ? windowWidth : 1280;
        this.windowHeight = windowHeight >= 480 && windowHeight <= 10_000 ? windowHeight : 800;
        this.promptHistory = promptHistory == null ? List.of()
                : List.copyOf(promptHistory.stream().filter(p -> p != null && !p.isBlank()).limit(HISTORY_SIZE).toList());
        this.presetChips = presetChips == null ? DEFAULT_CHIPS
                : List.copyOf(presetChips.stream().filter(p -> p != null && !p.isBlank()).toList());
        this.generation = generation == null ? GenerationDefaults.STANDARD : generation;
        this.dataFolder = dataFolder == null || dataFolder.isBlank() ? null : dataFolder;
    }

    /** Everything at its default. */
    public static StudioSettings defaults() {
        return new StudioSettings(null, null, 0, 0, null, null, null, null);
    }

    public StudioSettings withLastModel(String folder) {
        return new StudioSettings(folder, device, windowWidth, windowHeight, promptHistory, presetChips, generation,
                dataFolder);
    }

    public StudioSettings withDevice(String newDevice) {
        return new StudioSettings(lastModel, newDevice, windowWidth, windowHeight, promptHistory, presetChips,
                generation, dataFolder);
    }

    public StudioSettings withWindowSize(double width, double height) {
        return new StudioSettings(lastModel, device, width, height, promptHistory, presetChips, generation, dataFolder);
    }

    /** The prompt moved (or added) to the front of the history; the oldest falls off past the limit. */
    public StudioSettings withPromptUsed(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return this;
        }
        List<String> history = new ArrayList<>();
        history.add(prompt.strip());
        promptHistory.stream().filter(p -> !p.equals(prompt.strip())).forEach(history::add);
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, history, presetChips, generation,
                dataFolder);
    }

    public StudioSettings withPresetChips(List<String> chips) {
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, promptHistory, chips, generation,
                dataFolder);
    }

    public StudioSettings withGeneration(GenerationDefaults defaults) {
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, promptHistory, presetChips, defaults,
                dataFolder);
    }

    public StudioSettings withDataFolder(String folder) {
        return new StudioSettings(lastModel, device, windowWidth, windowHeight, promptHistory, presetChips, generation,
                folder);
    }
}
