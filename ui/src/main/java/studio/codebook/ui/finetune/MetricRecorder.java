package studio.codebook.ui.finetune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects metric values on the training thread until the FX thread takes them. Per-step values are
 * averaged between two takes, so however fast training runs a chart receives one point per series per
 * take (the view model takes a few times a second); validation values are rare and kept one by one.
 * Non-finite values (a step skipped by the trainer's guard) are left out.
 */
final class MetricRecorder {

    private final Map<String, double[]> averaged = new LinkedHashMap<>(); // {x of the last value, sum, count}
    private final Map<String, List<MetricPoint>> exact = new LinkedHashMap<>();

    /** A per-step value, averaged with the others of its series until the next {@link #take()}. */
    synchronized void addStep(String series, double step, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        double[] a = averaged.computeIfAbsent(series, s -> new double[3]);
        a[0] = step;
        a[1] += value;
        a[2]++;
    }

    /** A value kept as it is (a validation). */
    synchronized void addPoint(String series, double step, double value) {
        if (Double.isFinite(value)) {
            exact.computeIfAbsent(series, s -> new ArrayList<>()).add(new MetricPoint(step, value));
        }
    }

    /** Everything recorded since the last take, by series; empties the recorder. */
    synchronized Map<String, List<MetricPoint>> take() {
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        averaged.forEach((series, a) -> out.put(series, new ArrayList<>(List.of(new MetricPoint(a[0], a[1] / a[2])))));
        exact.forEach((series, points) -> out.computeIfAbsent(series, s -> new ArrayList<>()).addAll(points));
        averaged.clear();
        exact.clear();
        return out;
    }
}
