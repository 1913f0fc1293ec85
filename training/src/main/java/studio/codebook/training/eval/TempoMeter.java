package studio.codebook.training.eval;

import java.util.OptionalDouble;
import studio.codebook.training.data.TempoEstimator;

/** Measures the tempo of mono audio; empty when there is no steady beat. */
@FunctionalInterface
public interface TempoMeter {

    OptionalDouble bpm(float[] mono, int sampleRate);

    /** The library's BeatRoot-based {@link TempoEstimator} (tempo folded into 60–180 BPM). */
    static TempoMeter beatRoot() {
        return TempoEstimator::estimate;
    }
}
