package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TempoErrorTest {

    @Test
    void halfAndDoubleTimeCountOnlyWithOctaveTolerance() {
        assertEquals(0.5, TempoError.relativeError(60, 120), 1e-12);
        assertEquals(0, TempoError.octaveError(60, 120), 1e-12);
        assertEquals(0, TempoError.octaveError(240, 120), 1e-12);
        assertEquals(0.25, TempoError.octaveError(90, 60), 1e-12); // 3:2 is no octave: best of 45/90/180 vs 60 is 45
        assertEquals(0.02, TempoError.octaveError(61.2, 120), 1e-12);
    }

    @Test
    void summaryCountsMissingBeatsAsMissesAndLeavesThemOutOfTheMedians() {
        List<OptionalDouble> measured = List.of(OptionalDouble.of(121), OptionalDouble.of(62),
                OptionalDouble.empty(), OptionalDouble.of(100));
        List<Double> prompted = List.of(120.0, 120.0, 90.0, 130.0);
        TempoError t = TempoError.of(measured, prompted);
        assertEquals(4, t.clips());
        assertEquals(3, t.measured());
        assertEquals(0.25, t.withinStrict(), 1e-12); // only 121 vs 120
        assertEquals(0.5, t.withinOctave(), 1e-12); // and 62 ≈ 120 / 2 (3.3 %)
        // strict errors 1/120, 58/120, 30/130 → median 30/130; octave: 1/120, 4/124... i.e. |124-120|/120, 30/130
        assertEquals(30.0 / 130, t.medianStrict(), 1e-12);
        assertEquals(4.0 / 120, t.medianOctave(), 1e-12);
        assertEquals(0.75, t.measuredShare(), 1e-12);
    }

    @Test
    void noClipsGiveNaN() {
        TempoError t = TempoError.of(List.of(), List.of());
        assertEquals(0, t.clips());
        assertEquals(Double.NaN, t.withinStrict());
        assertEquals(Double.NaN, t.medianOctave());
    }
}
