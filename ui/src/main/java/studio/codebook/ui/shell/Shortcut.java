package studio.codebook.ui.shell;

/**
 * A keyboard shortcut as the help panel lists it.
 *
 * @param keys how it is typed, e.g. "Ctrl+Enter"
 * @param action what it does
 */
public record Shortcut(String keys, String action) {}
