package studio.codebook.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.codec.SpectralDecoderConfig;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelFolder;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.quantize.StreamKind;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.loss.Alignment;
import studio.codebook.training.loss.IndependenceConfig;
import studio.codebook.training.loss.ReconstructionConfig;
import studio.codebook.training.train.CodecTrainer;
import studio.codebook.training.train.CodecTrainingConfig;
import studio.codebook.training.train.LmTrainer;
import studio.codebook.training.train.LmTrainingConfig;
import studio.codebook.training.train.RunDescription;
import studio.codebook.training.train.TrainingResult;

/** {@code train}: train a codec or a language model on a folder of tracks. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a codec or a language model, or refine a codec's decoder.",
        subcommands = {TrainCommand.Codec.class, TrainCommand.Decoder.class, TrainCommand.Lm.class})
final class TrainCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every training command has. */
    static final class Common {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of tracks (only read).")
        Path data;

        @Option(names = "--steps", defaultValue = "1000", paramLabel = "N", description = "Training steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batch", defaultValue = "8", paramLabel = "B", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of data order and initialisation (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--run", paramLabel = "DIR", description = "Run folder for checkpoints, manifest and metrics (default: OUT.run).")
        Path run;

        @Option(names = "--resume", description = "Continue the run in the run folder from its latest checkpoint.")
        boolean resume;

        @Option(names = "--max-validation", defaultValue = "512", paramLabel = "N",
                description = "Validate on at most N segments, evenly spaced over the held-out tracks (default "
                        + "${DEFAULT-VALUE}).")
        int maxValidation;

        @Option(names = "--checkpoint-every", paramLabel = "N",
                description = "Steps between checkpoints and validations (default: a tenth of the steps).")
        Integer checkpointEvery;

        CodecTrainingConfig rhythm(CodecTrainingConfig c) {
            return checkpointEvery == null ? c : c.withRhythm(checkpointEvery, checkpointEvery, c.keepCheckpoints());
        }

        LmTrainingConfig rhythm(LmTrainingConfig c) {
            return checkpointEvery == null ? c : c.withRhythm(checkpointEvery, checkpointEvery, c.keepCheckpoints());
        }

        @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Show progress (default on).")
        boolean progress;

        Path runDir(Path out) {
            return run != null ? run : out.resolveSibling(out.getFileName() + ".run");
        }
    }

    /** Overrides of the reconstruction loss's weights (codec and decoder training). */
    static final class ReconstructionOptions {
        @Option(names = "--l1-weight", paramLabel = "W",
                description = "Weight of the waveform L1 term (default 0.1).")
        Double l1;

        @Option(names = "--mel-weight", paramLabel = "W",
                description = "Weight of the multi-scale mel term (default 2).")
        Double mel;

        @Option(names = "--sisnr-weight", paramLabel = "W",
                description = "Weight of the SI-SNR term (negative scale-invariant SNR in dB, which makes the "
                        + "decoder match the waveform's phase, not only its spectrum; default 0).")
        Double siSnr;

        @Option(names = "--stft-weight", paramLabel = "W",
                description = "Weight of the linear-frequency log-magnitude STFT term, which resolves single "
                        + "harmonics that the mel bands merge (the brightness of a saw or square lead; default 0).")
        Double stft;

        CodecTrainingConfig apply(CommandLine cmd, CodecTrainingConfig c) {
            ReconstructionConfig r = c.reconstruction();
            return CliErrors.settings(cmd, () -> c.withReconstruction(r.withWeights(l1 != null ? l1 : r.l1Weight(),
                    mel != null ? mel : r.melWeight(), siSnr != null ? siSnr : r.siSnrWeight())
                    .withStftWeight(stft != null ? stft : r.stftWeight())));
        }
    }

    /** Options of codec training. */
    static final class CodecOptions {
        @Option(names = "--independence-weight", defaultValue = "0", paramLabel = "λ",
                description = "Weight of the independence loss (MMD); 0 = off (default ${DEFAULT-VALUE}).")
        double lambda;

        @Option(names = "--alignment", defaultValue = "delay", paramLabel = "same|delay",
                description = "Which codes the independence loss makes independent (default ${DEFAULT-VALUE}).")
        String alignment;

        @Option(names = "--stream", defaultValue = "codeword", paramLabel = "KIND",
                description = "codeword (the paper's), stage-input or stage-residual (default ${DEFAULT-VALUE}).")
        String stream;

        @Option(names = "--adversarial",
                description = "Add the multi-scale STFT discriminator's adversarial and feature-matching losses "
                        + "(slower: about +3.5 s per step at batch 8 x 1 s).")
        boolean adversarial;

        @Option(names = "--segment-seconds", defaultValue = "1.0", paramLabel = "S",
                description = "Length of the training segments (default ${DEFAULT-VALUE}).")
        double segmentSeconds;

        CodecTrainingConfig config(CommandLine cmd, int steps, int batch, long seed) {
            return CliErrors.settings(cmd, () -> {
                IndependenceConfig independence = IndependenceConfig.defaults(lambda)
                        .withAlignment(Alignment.parse(alignment))
                        .withStreamKind(StreamKind.parse(stream));
                return CodecTrainingConfig.defaults(steps, batch, seed).withIndependence(independence)
                        .withAdversarial(adversarial);
            });
        }
    }

    @Command(name = "codec", mixinStandardHelpOptions = true,
            description = "Train a codec from scratch (optionally with the independence loss) and write a model folder.")
    static final class Codec implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Common common = new Common();

        @CommandLine.ArgGroup(exclusive = false, heading = "Codec:%n")
        CodecOptions codec = new CodecOptions();

        @CommandLine.Mixin
        ReconstructionOptions weights = new ReconstructionOptions();

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model folder to write.")
        Path out;

        @Option(names = "--preset", defaultValue = "tiny", paramLabel = "NAME", description = "tiny, small or default (default ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--quantizer", defaultValue = "rvq", paramLabel = "rvq|pvq", description = "Quantizer (default ${DEFAULT-VALUE}).")
        String quantizer;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            if (!ModelPresets.NAMES.contains(preset) || !(quantizer.equals("rvq") || quantizer.equals("pvq"))) {
                throw new CommandLine.ParameterException(cmd, "--preset must be one of " + ModelPresets.NAMES + " and --quantizer rvq or pvq");
            }
            CodecTrainingConfig config = weights.apply(cmd,
                    common.rhythm(codec.config(cmd, common.steps, common.batch, common.seed)));
            TrainingSession session = new TrainingSession(cmd.getOut(), cmd.getErr(), common.progress);
            Path runDir = common.runDir(out);
            ModelConfig architecture = ModelPresets.architecture(preset, quantizer,
                    out.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "-"));
            LibraryConfig library = TrainingSession.library(architecture.sampleRate(), codec.segmentSeconds, common.seed);
            LibraryScan scan = session.scan(common.maxValidation, common.data, library, runDir);
            RunDescription description = new RunDescription(Versions.app() + ": train codec", null,
                    "manifest " + scan.manifest().hash());
            TrainingResult result;
            if (common.resume) {
                try (CodecTrainer trainer = CodecTrainer.resume(runDir, scan.training(), scan.validation(),
                        ComputeDevice.best().device())) {
                    result = session.run(trainer, "codec");
                }
            } else {
                try (MusicModel model = MusicModel.create(architecture, ComputeDevice.best().device(), common.seed);
                        CodecTrainer trainer = CodecTrainer.start(model, config, scan.training(), scan.validation(),
                                runDir, description)) {
                    result = session.run(trainer, "codec");
                }
            }
            session.publish(result, out);
            return 0;
        }
    }

    @Command(name = "decoder", mixinStandardHelpOptions = true,
            description = {"Refine the decoder of a trained codec: the encoder and quantizer stay frozen, so the codes "
                    + "(and a language model trained on them) stay exactly the same; only the decoder learns. "
                    + "Use --sisnr-weight to make it match the waveform, not only the mel spectrogram, and "
                    + "--adversarial for the fine detail (timbre) that neither term asks for.",
                "The language model, text encoder and tokenizer are copied unchanged."})
    static final class Decoder implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Common common = new Common();

        @CommandLine.Mixin
        ReconstructionOptions weights = new ReconstructionOptions();

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model whose decoder is refined.")
        Path model;

        @Option(names = "--out", required = true, paramLabel = "MODEL2", description = "Model folder to write.")
        Path out;

        @Option(names = "--segment-seconds", defaultValue = "1.0", paramLabel = "S",
                description = "Length of the training segments (default ${DEFAULT-VALUE}).")
        double segmentSeconds;

        @Option(names = "--learning-rate", paramLabel = "LR",
                description = "Peak learning rate after warm-up (default 3e-4; the cosine ends at a tenth of it).")
        Double learningRate;

        @Option(names = "--adversarial",
                description = "Add the multi-scale STFT discriminator's adversarial and feature-matching losses; "
                        + "the discriminator starts fresh (slower: about +3.5 s per step at batch 8 x 1 s).")
        boolean adversarial;

        @Option(names = "--spectral",
                description = "Replace a SEANet decoder by a new spectral (Vocos-style, inverse-STFT) decoder, "
                        + "trained from scratch on the same codes; a model that has one already refines it. It "
                        + "predicts magnitudes; each bin keeps its reference phase (see --spectral-phase).")
        boolean spectral;

        @Option(names = "--spectral-phase",
                description = "With --spectral: the new decoder also predicts a phase offset per bin (trained by "
                        + "the waveform terms, --sisnr-weight and --l1-weight).")
        boolean spectralPhase;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            CodecTrainingConfig config = CodecTrainingConfig.defaults(common.steps, common.batch, common.seed)
                    .withDecoderOnly(true).withAdversarial(adversarial);
            if (learningRate != null) {
                if (!(learningRate > 0) || learningRate > 1) {
                    throw new CommandLine.ParameterException(cmd, "--learning-rate must be in (0, 1], not " + learningRate);
                }
                config = config.withLearningRate(learningRate, learningRate / 10, config.warmupSteps());
            }
            config = weights.apply(cmd, common.rhythm(config));
            TrainingSession session = new TrainingSession(cmd.getOut(), cmd.getErr(), common.progress);
            Path runDir = common.runDir(out);
            TrainingResult result;
            if (common.resume) {
                ModelConfig base = studio.codebook.engine.model.ModelFolder.readConfig(model);
                LibraryScan scan = session.scan(common.maxValidation, common.data,
                        TrainingSession.library(base.sampleRate(), segmentSeconds, common.seed), runDir);
                try (CodecTrainer trainer = CodecTrainer.resume(runDir, scan.training(), scan.validation(),
                        ComputeDevice.best().device())) {
                    if (!trainer.config().decoderOnly()) {
                        throw new IllegalStateException(runDir + " is a run of 'train codec', not of 'train decoder'");
                    }
                    result = session.run(trainer, "decoder");
                }
            } else {
                try (MusicModel loaded = MusicModel.load(model, ComputeDevice.best().device())) {
                    if (spectralPhase && !spectral) {
                        throw new CommandLine.ParameterException(cmd, "--spectral-phase needs --spectral");
                    }
                    boolean replace = spectral && loaded.config().codec().spectralDecoder() == null;
                    MusicModel base = replace ? loaded.withDecoder(
                            SpectralDecoderConfig.defaults().withPredictPhase(spectralPhase), common.seed) : loaded;
                    try {
                        if (replace) {
                            cmd.getOut().printf("new spectral decoder: %s (the codes stay the same)%n",
                                    base.config().codec().spectralDecoder());
                        }
                        LibraryScan scan = session.scan(common.maxValidation, common.data,
                                TrainingSession.library(base.config().sampleRate(), segmentSeconds, common.seed), runDir);
                        RunDescription description = new RunDescription(Versions.app() + ": train decoder",
                                base.config().id(), "manifest " + scan.manifest().hash());
                        try (CodecTrainer trainer = CodecTrainer.start(base, config, scan.training(), scan.validation(),
                                runDir, description)) {
                            result = session.run(trainer, "decoder");
                        }
                    } finally {
                        if (base != loaded) {
                            base.close();
                        }
                    }
                }
            }
            session.publish(result, out);
            return 0;
        }
    }

    @Command(name = "lm", mixinStandardHelpOptions = true,
            description = "Train the language model and text encoder of a model on the codes of its frozen codec.")
    static final class Lm implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model whose codec is used.")
        Path model;

        @Option(names = "--out", paramLabel = "MODEL2", description = "Where to write the result (default: replace MODEL).")
        Path out;

        @Option(names = "--frames", defaultValue = "250", paramLabel = "T", description = "Frames per training example (default ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--condition-dropout", defaultValue = "0.3", paramLabel = "P",
                description = "Share of captions replaced by the empty text, so guidance works (default ${DEFAULT-VALUE}).")
        double conditionDropout;

        @Option(names = "--context-noise", defaultValue = "0", paramLabel = "P",
                description = "Replace up to this share of each training window's input codes by random codes "
                        + "(each window draws its share from 0 to P; the targets stay real), so the LM learns to "
                        + "steer back to the prompt when its own samples go astray (default ${DEFAULT-VALUE}).")
        double contextNoise;

        @Option(names = "--freeze-text",
                description = "Train only the text encoder's output projection (its embedding and transformer stay as "
                        + "they are, as MusicGen keeps T5 frozen); a jointly trained encoder can collapse to one state "
                        + "for every caption.")
        boolean freezeText;

        @Option(names = "--learning-rate", paramLabel = "LR",
                description = "Peak learning rate after warm-up (default 1e-3; the cosine ends at a tenth of it).")
        Double learningRate;

        @Option(names = "--pattern", paramLabel = "delay|flatten|parallel",
                description = "Codebook pattern of the language model (default: the model's). A different one gives "
                        + "the model's LM a new pattern before training: e.g. flatten, the exact joint reference.")
        String pattern;

        @Option(names = "--beat",
                description = "Give the language model a beat input, if it has none: the tempo each track's caption "
                        + "source names (its sidecar's or the analysis's \"bpm\") as the phase of beat, bar and eighth "
                        + "note at every step, beat 1 at the start of the track. It starts at zero, so the LM plays as "
                        + "before until trained; then generate follows the tempo a prompt names (\"128 BPM\").")
        boolean beat;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            Path target = out != null ? out : model;
            LmTrainingConfig config = CliErrors.settings(cmd, () -> {
                LmTrainingConfig c = common.rhythm(LmTrainingConfig.defaults(common.steps, common.batch, frames,
                        common.seed).withConditionDropout(conditionDropout).withFreezeTextEncoder(freezeText)
                        .withContextNoise(contextNoise));
                return learningRate == null ? c : c.withLearningRate(learningRate, learningRate / 10, c.warmupSteps());
            });
            TrainingSession session = new TrainingSession(cmd.getOut(), cmd.getErr(), common.progress);
            Path runDir = common.runDir(target);
            TrainingResult result;
            Path source = model;
            if ((pattern != null || beat) && !common.resume) {
                source = withLanguageModel(cmd, model, pattern, beat, runDir);
            }
            try (MusicModel base = MusicModel.load(source, ComputeDevice.best().device())) {
                double seconds = Math.max(frames / base.codec().frameRate(), 0.5);
                LibraryConfig library = TrainingSession.library(base.config().sampleRate(), seconds, common.seed);
                LibraryScan scan = session.scan(common.maxValidation, common.data, library, runDir);
                RunDescription description = new RunDescription(Versions.app() + ": train lm", base.config().id(),
                        "manifest " + scan.manifest().hash());
                if (common.resume) {
                    try (LmTrainer trainer = LmTrainer.resume(runDir, scan.training(), scan.validation(),
                            ComputeDevice.best().device())) {
                        result = session.run(trainer, "lm");
                    }
                } else {
                    try (LmTrainer trainer = LmTrainer.start(base, config, scan.training(), scan.validation(), runDir,
                            description)) {
                        result = session.run(trainer, "lm");
                    }
                }
            }
            session.publish(result, target);
            return 0;
        }

        /**
         * A copy of the model's folder under the run folder whose model.json names another pattern and/or a beat
         * input. The weights are unchanged: the LM's parameters don't depend on the pattern, only the order it
         * predicts in does, and a new beat projection is not in the file yet, so it loads as zero.
         */
        private static Path withLanguageModel(CommandLine cmd, Path model, String pattern, boolean beat, Path runDir)
                throws IOException {
            ModelConfig config = ModelFolder.readConfig(model);
            if (!config.canGenerate()) {
                throw new CommandLine.ParameterException(cmd, model + " has no language model to change");
            }
            String name = pattern == null ? config.pattern() : pattern.toLowerCase(java.util.Locale.ROOT);
            if (!java.util.List.of("delay", "flatten", "parallel").contains(name)) {
                throw new CommandLine.ParameterException(cmd, "--pattern must be delay, flatten or parallel");
            }
            Path copy = runDir.resolve("base-" + name + (beat ? "-beat" : ""));
            Files.createDirectories(copy);
            for (Path f : ModelFolder.files(model, config)) {
                if (!f.getFileName().toString().equals(ModelFolder.CONFIG_FILE)) {
                    Files.copy(f, copy.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            ModelFolder.writeConfig(copy, config.withLanguageModel(name, beat ? config.lm().withBeat(true) : config.lm(),
                    config.text()));
            return copy;
        }
    }
}
