package studio.codebook.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints the app's version and the versions of the libraries it computes with. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            Versions.app(),
            "DJL " + Versions.djl() + ", PyTorch " + Versions.pytorch(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
