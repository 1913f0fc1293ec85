package studio.codebook.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the app and the libraries it computes with, from the build. */
final class Versions {

    private static final Properties PROPERTIES = load();

    private Versions() {}

    static String app() {
        return "Codebook Studio " + PROPERTIES.getProperty("app.version", "unknown");
    }

    static String djl() {
        return PROPERTIES.getProperty("djl.version", "unknown");
    }

    static String pytorch() {
        return PROPERTIES.getProperty("pytorch.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/studio/codebook/app/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // versions stay "unknown"
        }
        return p;
    }
}
