package studio.codebook.ui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder averages per-step values between takes, keeps validations one by one, drops non-finite ones. */
class MetricRecorderTest {

    @Test
    void averagesStepsBetweenTakesAndKeepsValidations() {
        MetricRecorder recorder = new MetricRecorder();
        recorder.addStep("loss", 1, 4.0);
        recorder.addStep("loss", 2, Double.NaN); // a step the guard skipped
        recorder.addStep("loss", 3, 2.0);
        recorder.addPoint("mmd", 2, 0.5);
        recorder.addPoint("mmd", 3, 0.25);
        recorder.addPoint("mmd", 4, Double.POSITIVE_INFINITY);

        Map<String, List<MetricPoint>> taken = recorder.take();
        assertEquals(List.of(new MetricPoint(3, 3.0)), taken.get("loss"));
        assertEquals(List.of(new MetricPoint(2, 0.5), new MetricPoint(3, 0.25)), taken.get("mmd"));
        assertTrue(recorder.take().isEmpty());
    }

    @Test
    void seriesKeepOnlyTheirLatestPoints() {
        MetricSeries series = new MetricSeries("loss", 3);
        series.append(List.of(new MetricPoint(1, 1), new MetricPoint(2, 2)));
        series.append(List.of(new MetricPoint(3, 3), new MetricPoint(4, 4)));
        assertEquals(List.of(new MetricPoint(2, 2), new MetricPoint(3, 3), new MetricPoint(4, 4)), series.points());
    }
}
