package studio.codebook.ui.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Snapshots of nodes for the view tests: pixels to read, and PNGs under target/screenshots to look at. */
public final class ViewScreenshots {

    /** A dark Modena look close to the application's theme, for tests that run without its CSS. */
    public static final String DARK = "-fx-base: #2b2c35; -fx-background: #1e1f26; -fx-control-inner-background: #26272f;"
            + " -fx-accent: #6c8cff; -fx-focus-color: #6c8cff; -fx-font-size: 12px;";

    private ViewScreenshots() {
    }

    /** Must run on the FX thread. */
    public static WritableImage snapshot(Node node) {
        return node.snapshot(null, null);
    }

    /** Writes the scene as a PNG (on the FX thread). */
    public static Path save(Scene scene, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = dir.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
        return file;
    }
}
