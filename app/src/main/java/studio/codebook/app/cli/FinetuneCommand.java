package studio.codebook.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.train.CodecTrainer;
import studio.codebook.training.train.CodecTrainingConfig;
import studio.codebook.training.train.LmTrainer;
import studio.codebook.training.train.LmTrainingConfig;
import studio.codebook.training.train.RunDescription;
import studio.codebook.training.train.TrainingResult;

/**
 * {@code finetune}: adapt a model to the user's own tracks — first its codec, then its language model on
 * the codes of the adapted codec — starting from the base model's weights.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a model on a folder of your tracks: the codec first, then the language model, "
                + "from the base model's weights. Your files are only read.")
final class FinetuneCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "MODEL", description = "The model to start from.")
    Path base;

    @Option(names = "--out", required = true, paramLabel = "MODEL2", description = "Where to write the new model.")
    Path out;

    @CommandLine.Mixin
    TrainCommand.Common common = new TrainCommand.Common();

    @CommandLine.ArgGroup(exclusive = false, heading = "Codec:%n")
    TrainCommand.CodecOptions codec = new TrainCommand.CodecOptions();

    @CommandLine.Mixin
    TrainCommand.ReconstructionOptions weights = new TrainCommand.ReconstructionOptions();

    @Option(names = "--freeze-text",
            description = "Keep the text encoder's embedding and transformer as they are and train only its output "
                    + "projection (as the bundled model was trained).")
    boolean freezeText;

    @Option(names = "--codec-steps", paramLabel = "N", description = "Codec steps (default: --steps).")
    Integer codecSteps;

    @Option(names = "--lm-steps", paramLabel = "N", description = "Language-model steps (default: --steps).")
    Integer lmSteps;

    @Option(names = "--frames", defaultValue = "250", paramLabel = "T", description = "Frames per LM example (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--learning-rate-scale", defaultValue = "0.3", paramLabel = "F",
            description = "Learning rates are the from-scratch ones times F, gentler on the base (default ${DEFAULT-VALUE}).")
    double rateScale;

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        if (!(rateScale > 0 && rateScale <= 1)) {
            throw new CommandLine.ParameterException(cmd, "--learning-rate-scale must be in (0, 1]");
        }
        int cSteps = codecSteps != null ? codecSteps : common.steps;
        int lSteps = lmSteps != null ? lmSteps : common.steps;
        CodecTrainingConfig codecConfig = weights.apply(cmd,
                common.rhythm(codec.config(cmd, cSteps, common.batch, common.seed)));
        codecConfig = codecConfig.withLearningRate(codecConfig.learningRate() * rateScale,
                codecConfig.minLearningRate() * rateScale, codecConfig.warmupSteps());
        LmTrainingConfig lmConfig = common.rhythm(LmTrainingConfig.defaults(lSteps, common.batch, frames, common.seed))
                .withFreezeTextEncoder(freezeText);
        lmConfig = lmConfig.withLearningRate(lmConfig.learningRate() * rateScale, lmConfig.minLearningRate() * rateScale,
                lmConfig.warmupSteps());
        TrainingSession session = new TrainingSession(cmd.getOut(), cmd.getErr(), common.progress);
        Path runDir = common.runDir(out);
        Path codecRun = runDir.resolve("codec");
        Path lmRun = runDir.resolve("lm");

        TrainingResult codecResult;
        LibraryScan lmScan;
        String baseId;
        try (MusicModel model = MusicModel.load(base, ComputeDevice.best().device())) {
            if (!model.config().canGenerate()) {
                throw new IllegalArgumentException(base + ": a codec-only model cannot be fine-tuned for generation; "
                        + "use 'train codec' instead");
            }
            baseId = model.config().id();
            int rate = model.config().sampleRate();
            LibraryScan codecScan = session.scan(common.maxValidation, common.data,
                    TrainingSession.library(rate, codec.segmentSeconds, common.seed), runDir);
            RunDescription description = new RunDescription(Versions.app() + ": finetune (codec)", baseId,
                    "manifest " + codecScan.manifest().hash());
            try (CodecTrainer trainer = common.resume && java.nio.file.Files.isDirectory(codecRun)
                    ? CodecTrainer.resume(codecRun, codecScan.training(), codecScan.validation(), ComputeDevice.best().device())
                    : CodecTrainer.start(model, codecConfig, codecScan.training(), codecScan.validation(), codecRun,
                            description)) {
                codecResult = session.run(trainer, "codec");
            }
            if (codecResult.cancelled()) {
                cmd.getErr().println("stopped during the codec phase; run again with --resume to continue");
                return 1;
            }
            double seconds = Math.max(frames / model.codec().frameRate(), 0.5);
            lmScan = session.scan(common.maxValidation, common.data, TrainingSession.library(rate, seconds, common.seed),
                    runDir);
        }
        TrainingResult lmResult;
        try (MusicModel adapted = MusicModel.load(codecResult.model(), ComputeDevice.best().device())) {
            RunDescription description = new RunDescription(Versions.app() + ": finetune (language model)", baseId,
                    "manifest " + lmScan.manifest().hash());
            try (LmTrainer trainer = common.resume && java.nio.file.Files.isDirectory(lmRun)
                    ? LmTrainer.resume(lmRun, lmScan.training(), lmScan.validation(), ComputeDevice.best().device())
                    : LmTrainer.start(adapted, lmConfig, lmScan.training(), lmScan.validation(), lmRun, description)) {
                lmResult = session.run(trainer, "lm");
            }
        }
        if (lmResult.cancelled()) {
            cmd.getErr().println("stopped during the language-model phase; run again with --resume to continue");
            return 1;
        }
        TrainingSession.publish(lmResult.model(), out);
        cmd.getOut().printf("wrote %s (fine-tuned from %s)%n", out, baseId);
        return 0;
    }
}
