/** The command line: picocli subcommands for scripts and tests. */
package studio.codebook.app.cli;
