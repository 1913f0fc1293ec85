package studio.codebook.ui.generate;

/** How the Generate view words lengths and failures on its status lines. */
final class StatusText {

    private StatusText() {
    }

    /** "4.5 s" below ten seconds, "42 s" from there. */
    static String seconds(double s) {
        return s < 10 ? String.format("%.1f s", s) : String.format("%.0f s", s);
    }

    /** A failure's message, or its kind when it has none. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
