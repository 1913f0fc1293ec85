package studio.codebook.ui.finetune;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.Manifest;
import studio.codebook.training.data.ScanListener;
import studio.codebook.training.data.Segment;
import studio.codebook.training.data.TrackEntry;
import studio.codebook.training.data.TrackLibrary;
import studio.codebook.training.train.CodecTrainer;
import studio.codebook.training.train.LmTrainer;
import studio.codebook.training.train.RunDescription;
import studio.codebook.training.train.Trainer;
import studio.codebook.training.train.TrainingListener;
import studio.codebook.training.train.TrainingProgress;
import studio.codebook.training.train.TrainingResult;
import studio.codebook.training.train.TrainingRun;
import studio.codebook.training.train.ValidationResult;
import studio.codebook.ui.common.TaskContext;
import studio.codebook.ui.common.Work;

/**
 * One fine-tune, as the command line's {@code finetune} does it, run off the FX thread: the codec phase
 * on segments of the chosen length, then the language-model phase on windows of the adapted codec's codes
 * (either phase alone when the settings say so), each a {@link TrainingRun} in its own folder of the run
 * folder ({@code codec/}, {@code lm/}: checkpoints, metrics, the phase's model), and finally the model
 * published into the models folder under its name ({@link ModelPublisher}).
 *
 * <h2>Captions</h2>
 * The user's caption edits are in the edited {@link Manifest} (never in the user's folder). The codec
 * phase reuses the table's scan when it was cut with the codec's settings (captions do not matter to the
 * codec, the segments are relabelled anyway); otherwise, and always for the language model, whose
 * segments have another length, the folder is scanned again with the edited manifest as the previous one,
 * which keeps every edited caption of an unchanged track and the validation split. Each phase's manifest
 * is written into the run folder, and its hash goes into the model's provenance.
 *
 * <h2>Cancel</h2>
 * {@link RunControl#cancel()} stops the running phase after its current step; the trainer writes a
 * checkpoint, the outcome says where, and nothing is published. Cancelled before a phase trains, the work
 * throws {@link java.util.concurrent.CancellationException}.
 */
final class FineTuneJob implements Work<FineTuneOutcome> {

    static final String CODEC = "codec";
    static final String LANGUAGE_MODEL = "language model";

    // chart series: per-step losses, and the values measured at each validation
    static final String RECONSTRUCTION = "Reconstruction";
    static final String COMMITMENT = "Commitment";
    static final String MMD_TRAINING = "MMD² (λ term)";
    static final String LM_NLL = "LM NLL";
    static final String LM_NLL_VALIDATION = "LM NLL (validation)";
    static final String MMD_VALIDATION = "MMD² (validation)";
    static final String TC_VALIDATION = "TC (validation, bits)";

    private static final String CREATED_BY = "Codebook Studio: Fine-tune view";

    private final Path library;
    private final LibraryScan scanned;
    private final Manifest edited;
    private final FineTuneSettings settings;
    private final Path baseModel;
    private final Path modelsFolder;
    private final Path runDir;
    private final RunControl control;
    private final MetricRecorder recorder;
    private final AtomicReference<RunProgress> latest;

    /**
     * @param library the user's folder (only read)
     * @param scanned the table's scan
     * @param edited its manifest with the user's caption edits
     * @param runDir a new folder for this run (created)
     * @param recorder receives the charts' values, on the training thread
     * @param latest receives the progress, on the training thread (then {@link TaskContext#progress} is called)
     */
    FineTuneJob(Path library, LibraryScan scanned, Manifest edited, FineTuneSettings settings, Path baseModel,
            Path modelsFolder, Path runDir, RunControl control, MetricRecorder recorder,
            AtomicReference<RunProgress> latest) {
        this.library = Objects.requireNonNull(library);
        this.scanned = Objects.requireNonNull(scanned);
        this.edited = Objects.requireNonNull(edited);
        this.settings = Objects.requireNonNull(settings);
        this.baseModel = Objects.requireNonNull(baseModel);
        this.modelsFolder = Objects.requireNonNull(modelsFolder);
        this.runDir = Objects.requireNonNull(runDir);
        this.control = Objects.requireNonNull(control);
        this.recorder = Objects.requireNonNull(recorder);
        this.latest = Objects.requireNonNull(latest);
    }

    @Override
    public FineTuneOutcome run(TaskContext context) throws Exception {
        Device device = ComputeDevice.best().device();
        Files.createDirectories(runDir);
        int phases = (settings.target().trainsCodec() ? 1 : 0) + (settings.target().trainsLanguageModel() ? 1 : 0);
        int phase = 0;
        Path startFrom = baseModel;
        String baseId = null;
        PhaseResult last = null;
        if (settings.target().trainsCodec()) {
            phase++;
            try (MusicModel model = MusicModel.load(baseModel, device)) {
                baseId = model.config().id();
                if (settings.target().trainsLanguageModel() && !model.config().canGenerate()) {
                    throw new IllegalArgumentException(baseModel.getFileName() + " is a codec-only model: it has no"
                            + " language model to fine-tune; choose \"" + TrainingTarget.CODEC + "\"");
                }
                LibraryScan scan = segments(settings.codecLibrary(model.config().sampleRate()), CODEC, phase, phases,
                        context);
                scan.manifest().write(runDir.resolve("manifest-codec.json"));
                RunDescription description = new RunDescription(CREATED_BY + " (codec)", baseId,
                        "manifest " + scan.manifest().hash());
                control.checkCancelled();
                try (CodecTrainer trainer = CodecTrainer.start(model, settings.codecConfig(), scan.training(),
                        scan.validation(), runDir.resolve("codec"), description)) {
                    last = train(trainer, CODEC, phase, phases, 0, scan.validation(), context);
                }
            }
            if (last.result.cancelled()) {
                return outcome(last, CODEC, null);
            }
            startFrom = last.result.model();
        }
        if (settings.target().trainsLanguageModel()) {
            phase++;
            int offset = settings.target().trainsCodec() ? settings.steps() : 0;
            try (MusicModel model = MusicModel.load(startFrom, device)) {
                if (!model.config().canGenerate()) {
                    throw new IllegalArgumentException(baseModel.getFileName() + " is a codec-only model: it has no"
                            + " language model to fine-tune");
                }
                baseId = baseId != null ? baseId : model.config().id();
                LibraryScan scan = segments(settings.lmLibrary(model.config().sampleRate(), model.codec().frameRate()),
                        LANGUAGE_MODEL, phase, phases, context);
                scan.manifest().write(runDir.resolve("manifest-lm.json"));
                RunDescription description = new RunDescription(CREATED_BY + " (language model)", baseId,
                        "manifest " + scan.manifest().hash());
                control.checkCancelled();
                try (LmTrainer trainer = LmTrainer.start(model, settings.lmConfig(), scan.training(),
                        scan.validation(), runDir.resolve("lm"), description)) {
                    last = train(trainer, LANGUAGE_MODEL, phase, phases, offset, List.of(), context);
                }
            }
            if (last.result.cancelled()) {
                return outcome(last, LANGUAGE_MODEL, null);
            }
        }
        String phaseName = settings.target().trainsLanguageModel() ? LANGUAGE_MODEL : CODEC;
        Path published = ModelPublisher.publish(last.result.model(), modelsFolder, settings.modelName());
        return outcome(last, phaseName, published);
    }

    private FineTuneOutcome outcome(PhaseResult last, String phase, Path published) {
        TrainingResult r = last.result;
        return new FineTuneOutcome(r.cancelled(), phase, r.steps(), last.totalSteps, published, r.lastCheckpoint(),
                runDir, r.metrics());
    }

    /** A phase's result and how many steps it was to run. */
    private record PhaseResult(TrainingResult result, int totalSteps) {}

    /**
     * The segments of a phase: the table's scan when it was cut the same way (relabelled with the edited
     * captions), else a new scan that keeps the edits.
     */
    private LibraryScan segments(LibraryConfig config, String phase, int phaseNumber, int phases, TaskContext context)
            throws IOException {
        LibraryScan scan;
        if (scanned.manifest().config().equals(config)) {
            scan = relabelled(scanned, edited);
        } else {
            scan = TrackLibrary.scan(library, config, new ScanListener() {
                @Override
                public void progress(int index, int total, Path file) {
                    report(new RunProgress(phase, phaseNumber, phases, 0, settings.steps(), Double.NaN, 0,
                            String.format(Locale.ROOT, "preparing the %s's segments: %d of %d files", phase,
                                    index + 1, total)), context);
                }

                @Override
                public boolean cancelled() {
                    return control.isCancelled() || context.isCancelled();
                }
            }, edited);
        }
        if (scan.training().isEmpty()) {
            throw new IOException(library + ": no usable training tracks (see the skipped files in the table)");
        }
        return scan;
    }

    /** The scan's segments with the captions of {@code manifest} (matched by track content). */
    static LibraryScan relabelled(LibraryScan scan, Manifest manifest) {
        Map<String, String> captions = new HashMap<>();
        for (TrackEntry t : manifest.tracks()) {
            captions.put(t.contentHash(), t.caption().text());
        }
        return new LibraryScan(manifest, relabel(scan.training(), captions), relabel(scan.validation(), captions));
    }

    private static List<Segment> relabel(List<Segment> segments, Map<String, String> captions) {
        return segments.stream().map(s -> new Segment(s.trackId(), s.samples(),
                captions.getOrDefault(s.trackId(), s.caption()))).toList();
    }

    private PhaseResult train(Trainer trainer, String phase, int phaseNumber, int phases, int offset,
            List<Segment> codecValidation, TaskContext context) throws Exception {
        TrainingRun run = new TrainingRun(trainer);
        boolean codec = CODEC.equals(phase);
        run.addListener(new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                double x = offset + p.step();
                Map<String, Double> losses = p.losses();
                if (codec) {
                    record(RECONSTRUCTION, x, losses.get("reconstruction"));
                    record(COMMITMENT, x, losses.get("commitment"));
                    record(MMD_TRAINING, x, losses.get("mmd"));
                } else {
                    record(LM_NLL, x, losses.get("loss"));
                }
                report(new RunProgress(phase, phaseNumber, phases, p.step(), p.totalSteps(), p.etaSeconds(),
                        p.skippedSteps(), ""), context);
            }

            @Override
            public void onValidation(ValidationResult v) {
                double x = offset + v.step();
                if (codec) {
                    recorder.addPoint(MMD_VALIDATION, x, v.metrics().getOrDefault("mmd", Double.NaN));
                    recorder.addPoint(TC_VALIDATION, x, ValidationDependence.totalCorrelationBits(
                            trainer.model().codec(), codecValidation, settings.alignment()));
                } else {
                    recorder.addPoint(LM_NLL_VALIDATION, x, v.loss());
                }
            }

            @Override
            public void onCheckpointStarted(int step, String reason) {
                if ("cancelled".equals(reason)) {
                    report(new RunProgress(phase, phaseNumber, phases, step, trainer.totalSteps(), Double.NaN,
                            trainer.skippedSteps(), "stopping: writing a checkpoint"), context);
                }
            }
        });
        report(new RunProgress(phase, phaseNumber, phases, trainer.step(), trainer.totalSteps(), Double.NaN, 0,
                "starting the " + phase + " phase"), context);
        control.attach(run);
        try {
            return new PhaseResult(run.runHere(), trainer.totalSteps());
        } finally {
            control.detach();
        }
    }

    private void record(String series, double x, Double value) {
        if (value != null) {
            recorder.addStep(series, x, value);
        }
    }

    private void report(RunProgress progress, TaskContext context) {
        latest.set(progress);
        context.progress(progress.fraction(), progress.activity());
    }
}
