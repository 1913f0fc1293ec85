package studio.codebook.training.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import studio.codebook.engine.generate.GenerationResult;

/**
 * How fast the clips were generated, summed over the generator's results.
 *
 * @param clips clips generated
 * @param steps language-model steps
 * @param lmSeconds time of the step loops
 * @param wallSeconds time of whole generations (text encoding, steps, decoding)
 * @param audioSeconds audio produced
 */
public record GenerationSpeed(int clips, long steps, double lmSeconds, double wallSeconds, double audioSeconds) {

    public static final GenerationSpeed NONE = new GenerationSpeed(0, 0, 0, 0, 0);

    /** This plus one generator result that produced {@code audioSeconds} of audio. */
    public GenerationSpeed plus(GenerationResult r, double audio) {
        return new GenerationSpeed(clips + r.clips().size(), steps + r.steps(), lmSeconds + r.lmMillis() / 1000,
                wallSeconds + r.totalMillis() / 1000, audioSeconds + audio);
    }

    @JsonProperty("stepsPerSecond")
    public double stepsPerSecond() {
        return lmSeconds > 0 ? steps / lmSeconds : Double.NaN;
    }

    /** Seconds of audio per second of wall time (above 1 is faster than real time). */
    @JsonProperty("realTimeFactor")
    public double realTimeFactor() {
        return wallSeconds > 0 ? audioSeconds / wallSeconds : Double.NaN;
    }
}
