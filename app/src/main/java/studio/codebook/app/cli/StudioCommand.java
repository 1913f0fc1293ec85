package studio.codebook.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the command line. Exit codes: 0 success, 1 a bad input file or a failed operation (its
 * message on stderr), 2 bad arguments (one line on stderr).
 */
@Command(
        name = "codebook-studio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Music generation with codebook language models, on your own machine.",
        subcommands = {ModelCommand.class, InfoCommand.class, EncodeCommand.class, DecodeCommand.class,
            AnalyzeCommand.class, GenerateCommand.class, TrainCommand.class, FinetuneCommand.class,
            EvaluateCommand.class, BenchCommand.class, SynthCommand.class, ClassifierCommand.class,
            PlotCommand.class})
public final class StudioCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Runs the command line with the process's standard streams and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given streams (tests) and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new StudioCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(StudioCommand::badArguments);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + CliErrors.describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return 2;
    }
}
