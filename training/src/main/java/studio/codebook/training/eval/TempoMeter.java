package studio.codebook.training.eval;

import java.lang.reflect.Method;
import java.util.OptionalDouble;

/** Measures the tempo of mono audio; empty when there is no steady beat. */
@FunctionalInterface
public interface TempoMeter {

    OptionalDouble bpm(float[] mono, int sampleRate);

    /**
     * The library's BeatRoot-based {@code studio.codebook.training.data.TempoEstimator} (tempo folded into
     * 60–180 BPM). That class is package-private in {@code data}; until it is made public this reaches it
     * reflectively (same module, class path), which fails loudly, not silently, if it is renamed.
     */
    static TempoMeter beatRoot() {
        Method estimate;
        try {
            Class<?> c = Class.forName("studio.codebook.training.data.TempoEstimator");
            estimate = c.getDeclaredMethod("estimate", float[].class, int.class);
            estimate.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the tempo estimator is not available: " + e, e);
        }
        return (mono, rate) -> {
            try {
                return (OptionalDouble) estimate.invoke(null, mono, rate);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the tempo estimator failed: " + e.getCause(), e);
            }
        };
    }
}
