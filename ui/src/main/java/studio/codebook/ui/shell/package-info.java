/**
 * The main window around the views: the model bar (selector, device, memory, unload), notices, the tabs,
 * the status bar with the running task, the help panel and the window-wide shortcuts.
 */
package studio.codebook.ui.shell;
