/**
 * The entry point: the window with no arguments, the command line with a subcommand; wiring of the
 * other modules.
 */
package studio.codebook.app;
