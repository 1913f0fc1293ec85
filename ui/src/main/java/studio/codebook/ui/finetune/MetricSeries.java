package studio.codebook.ui.finetune;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A named line of a chart that keeps only its latest points, so a long run's chart stays cheap to draw.
 * Changed on the FX thread only.
 */
public final class MetricSeries {

    private final String name;
    private final int capacity;
    private final ObservableList<MetricPoint> points = FXCollections.observableArrayList();
    /** One wrapper, kept: a wrapper listens to the list weakly, so a fresh one per call could lose listeners. */
    private final ObservableList<MetricPoint> readOnly = FXCollections.unmodifiableObservableList(points);

    /** @param capacity how many of the latest points are kept */
    public MetricSeries(String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.name = name;
        this.capacity = capacity;
    }

    public String name() {
        return name;
    }

    /** The kept points, oldest first; read-only for views. */
    public ObservableList<MetricPoint> points() {
        return readOnly;
    }

    /** Appends, then drops the oldest points beyond the capacity (one change each, not one per point). */
    void append(List<MetricPoint> more) {
        if (more.isEmpty()) {
            return;
        }
        points.addAll(more);
        if (points.size() > capacity) {
            points.remove(0, points.size() - capacity);
        }
    }

    void clear() {
        points.clear();
    }
}
