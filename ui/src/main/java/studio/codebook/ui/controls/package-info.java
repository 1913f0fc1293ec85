/**
 * Custom controls that draw plain Java data on a canvas: {@link studio.codebook.ui.controls.TokenStreamView}
 * (the K token streams of a clip as heatmap rows) and {@link studio.codebook.ui.controls.HeatmapView} (a
 * K × K matrix with its values and a colour legend). Their geometry (which cell is under the pointer) lives
 * in small records that tests check without a screen. A control that is one canvas filling its content
 * area extends {@link studio.codebook.ui.controls.CanvasRegion}.
 */
package studio.codebook.ui.controls;
