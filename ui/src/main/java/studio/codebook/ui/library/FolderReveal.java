package studio.codebook.ui.library;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Shows a file in the system's file manager: through {@link Desktop} where it can (selecting the file
 * where the platform supports that), else with the platform's command ({@code xdg-open}, {@code open -R},
 * {@code explorer /select,}). Blocks for up to a few seconds: call it from a background task.
 */
public final class FolderReveal {

    private FolderReveal() {}

    /**
     * @throws IOException with a message saying where the file is when no file manager could be opened
     */
    public static void reveal(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (!Files.exists(absolute)) {
            throw new IOException(absolute + " no longer exists");
        }
        Path folder = absolute.getParent();
        String failure;
        try {
            if (Desktop.isDesktopSupported()) {
                Desktop desktop = Desktop.getDesktop();
                if (desktop.isSupported(Desktop.Action.BROWSE_FILE_DIR)) {
                    desktop.browseFileDirectory(absolute.toFile());
                    return;
                }
                if (desktop.isSupported(Desktop.Action.OPEN)) {
                    desktop.open(folder.toFile());
                    return;
                }
            }
            failure = "no desktop integration";
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage();
        }
        List<String> command = command(absolute);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() != 0) {
                String out = new String(p.getInputStream().readAllBytes()).strip();
                throw new IOException(command.get(0) + " failed" + (out.isEmpty() ? "" : ": " + out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IOException("Could not open a file manager (" + failure + "; " + e.getMessage()
                    + "). The file is in " + folder, e);
        }
    }

    static List<String> command(Path file) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("explorer", "/select," + file);
        }
        if (os.contains("mac")) {
            return List.of("open", "-R", file.toString());
        }
        return List.of("xdg-open", file.getParent().toString());
    }
}
