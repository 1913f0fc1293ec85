package studio.codebook.ui.finetune;

/**
 * One point of a chart.
 *
 * @param step the training step (counted over all phases of the run)
 * @param value the metric's value there
 */
public record MetricPoint(double step, double value) {}
