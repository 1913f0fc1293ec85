package studio.codebook.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the app's version and the versions of the libraries it computes with. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/studio/codebook/app/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "Codebook Studio " + p.getProperty("app.version", "unknown"),
            "DJL " + p.getProperty("djl.version", "unknown") + ", PyTorch " + p.getProperty("pytorch.version", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
