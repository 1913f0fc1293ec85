package studio.codebook.app.cli;

import java.util.function.Supplier;
import picocli.CommandLine;

/** Turns an exception into the one line a user sees. */
final class CliErrors {

    private CliErrors() {}

    /**
     * Settings made from a command's option values; a value they refuse (an {@link IllegalArgumentException},
     * whose message names the option's setting) becomes a usage error of {@code cmd}, printed with its usage.
     */
    static <T> T settings(CommandLine cmd, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    static String describe(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message;
    }
}
