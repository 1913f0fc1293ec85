/**
 * The JavaFX desktop application: a package per view (generate, inspect, dependence, finetune,
 * library), shared pieces in common, custom controls in controls. Calls engine and training; a view
 * never touches an NDArray.
 */
package studio.codebook.ui;
