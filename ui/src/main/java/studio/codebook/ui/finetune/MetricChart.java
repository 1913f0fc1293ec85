package studio.codebook.ui.finetune;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * A line chart of {@link MetricSeries}: a line appears once its series has points (a run without the
 * independence loss shows no MMD² line) and follows the series as the view model appends and trims.
 * No symbols and no animation: a chart that changes a few times a second for hours must stay cheap.
 */
final class MetricChart extends LineChart<Number, Number> {

    MetricChart(String title, String yLabel, List<MetricSeries> metrics) {
        super(new NumberAxis(), new NumberAxis());
        setTitle(title);
        getXAxis().setLabel("step");
        getYAxis().setLabel(yLabel);
        ((NumberAxis) getXAxis()).setForceZeroInRange(false);
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
        setCreateSymbols(false);
        setAnimated(false);
        setLegendSide(javafx.geometry.Side.RIGHT); // one line per series: below, five names wrap and need the height
        for (MetricSeries metric : metrics) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(metric.name());
            metric.points().addListener((ListChangeListener<MetricPoint>) change -> follow(metric, line));
            follow(metric, line);
        }
    }

    private void follow(MetricSeries metric, XYChart.Series<Number, Number> line) {
        line.getData().setAll(metric.points().stream()
                .map(p -> new XYChart.Data<Number, Number>(p.step(), p.value())).toList());
        boolean shown = getData().contains(line);
        if (!metric.points().isEmpty() && !shown) {
            getData().add(line);
        } else if (metric.points().isEmpty() && shown) {
            getData().remove(line);
        }
    }
}
