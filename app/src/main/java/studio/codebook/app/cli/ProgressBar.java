package studio.codebook.app.cli;

import java.io.PrintWriter;
import studio.codebook.engine.generate.GenerationProgress;

/**
 * A one-line progress bar for the terminal, redrawn at most ten times a second, with steps per second
 * and the time left.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
    }

    void update(GenerationProgress p) {
        long now = System.nanoTime();
        if (p.step() < p.totalSteps() && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double f = p.fraction();
        int filled = (int) Math.round(f * WIDTH);
        double rate = p.stepsPerSecond();
        double eta = rate > 0 ? (p.totalSteps() - p.step()) / rate : 0;
        out.printf("\r%s [%s%s] %3.0f%% %d/%d steps, %.0f steps/s, %.1f s left ", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * f, p.step(), p.totalSteps(), rate, eta);
        out.flush();
        drawn = true;
    }

    void finish() {
        if (drawn) {
            out.println();
        }
    }
}
