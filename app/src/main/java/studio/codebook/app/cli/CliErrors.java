package studio.codebook.app.cli;

/** Turns an exception into the one line a user sees. */
final class CliErrors {

    private CliErrors() {}

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message;
    }
}
