package studio.codebook.engine.generate;

import java.util.List;

/**
 * What a generation made and how long each part took.
 *
 * @param clips one per variant
 * @param steps language-model steps run
 * @param textMillis encoding the prompts
 * @param lmMillis the step loop (sampling included, streaming decode included when requested)
 * @param decodeMillis decoding the final audio
 * @param warnings what the user should know (e.g. a prompt longer than the model reads was cut)
 */
public record GenerationResult(List<GeneratedClip> clips, int steps, double textMillis, double lmMillis,
        double decodeMillis, List<String> warnings) {

    public GenerationResult {
        clips = List.copyOf(clips);
        warnings = List.copyOf(warnings);
    }

    /** Language-model steps per second. */
    public double stepsPerSecond() {
        return lmMillis == 0 ? 0 : steps / (lmMillis / 1000);
    }

    public double totalMillis() {
        return textMillis + lmMillis + decodeMillis;
    }
}
