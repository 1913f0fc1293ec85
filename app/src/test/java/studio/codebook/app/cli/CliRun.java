package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line: its exit code and what it printed to stdout and stderr. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StudioCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code model init --preset tiny --seed SEED} into {@code out}; fails the test if it does not succeed. */
    static java.nio.file.Path tinyModel(java.nio.file.Path out, long seed) {
        CliRun r = of("model", "init", "--preset", "tiny", "--out", out.toString(), "--seed", Long.toString(seed));
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
        return out;
    }
}
