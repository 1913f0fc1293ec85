package studio.codebook.app;

import javafx.application.Application;
import studio.codebook.app.cli.StudioCommand;
import studio.codebook.ui.StudioApplication;

/**
 * Starts Codebook Studio: the window when there are no arguments, the command line otherwise.
 *
 * <p>Not a JavaFX {@code Application} itself, so that {@code java -jar} works with JavaFX on the class
 * path.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (NativeSafety.relaunchIfNeeded(args)) {
            return;
        }
        if (args.length == 0) {
            Application.launch(StudioApplication.class);
            return;
        }
        System.exit(StudioCommand.run(args));
    }
}
