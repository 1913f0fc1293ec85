/**
 * Figures for reports: line and bar charts drawn with Java2D into PNG (the plots of docs/results.md),
 * and the readers that turn runs' metrics into series.
 */
package studio.codebook.training.report;
