package studio.codebook.ui.common;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.BundledModel;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.ModelFolder;
import studio.codebook.engine.model.MusicModel;

/**
 * The model selector's data and the one loaded model. Lists the bundled model, the user's models
 * ({@code <data>/models/*}) and models added while running; loads the chosen one in a background task;
 * frees it on {@link #unload()}. Work that uses the model off the FX thread takes a {@link #lease()} so
 * that an unload never frees memory under it.
 *
 * <p>Properties and the list change on the thread the task executor delivers callbacks on (the FX
 * thread in the application); call the methods from that thread.
 */
public final class ModelService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ModelService.class.getName());

    private final TaskExecutor executor;
    private final Path modelsFolder;
    private final Supplier<Optional<Path>> bundled;
    private final Supplier<ComputeDevice> deviceChooser;

    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList();
    private final List<ModelEntry> added = new ArrayList<>();
    private final ReadOnlyObjectWrapper<MusicModel> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyObjectWrapper<ModelEntry> currentEntry = new ReadOnlyObjectWrapper<>(this, "currentEntry");
    private final ReadOnlyObjectWrapper<ModelEntry> loadingEntry = new ReadOnlyObjectWrapper<>(this, "loadingEntry");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "No model loaded");
    private final ReadOnlyObjectWrapper<ComputeDevice> device = new ReadOnlyObjectWrapper<>(this, "device");

    private Held held;
    private long loadSequence;
    private volatile ComputeDevice resolvedDevice;

    /**
     * @param executor runs listing and loading off the FX thread
     * @param modelsFolder the user's models folder (need not exist)
     * @param bundled finds the bundled model (e.g. {@link BundledModel#find()})
     * @param deviceChooser picks the compute device; called once, off the FX thread (it starts the engine)
     */
    public ModelService(TaskExecutor executor, Path modelsFolder, Supplier<Optional<Path>> bundled,
            Supplier<ComputeDevice> deviceChooser) {
        this.executor = Objects.requireNonNull(executor);
        this.modelsFolder = Objects.requireNonNull(modelsFolder);
        this.bundled = Objects.requireNonNull(bundled);
        this.deviceChooser = Objects.requireNonNull(deviceChooser);
    }

    /** The service for the studio's settings: user models under the data folder, the bundled model, the set device. */
    public static ModelService forSettings(TaskExecutor executor, SettingsStore settings) {
        boolean cpuOnly = StudioSettings.DEVICE_CPU.equals(settings.current().device());
        return new ModelService(executor, settings.modelsFolder(), BundledModel::find,
                cpuOnly ? ComputeDevice::cpu : ComputeDevice::best);
    }

    /** The selector's entries: bundled first, then the user's models by name, then those added. Read-only. */
    public ObservableList<ModelEntry> models() {
        return FXCollections.unmodifiableObservableList(models);
    }

    /** Re-reads the bundled and user models in the background; the list is replaced when done. */
    public TaskHandle refresh() {
        return executor.execute(BackgroundTask.of("Listing models", ctx -> scan())
                .onSuccess(scan -> {
                    List<ModelEntry> all = new ArrayList<>(scan.entries());
                    for (ModelEntry a : added) {
                        if (all.stream().noneMatch(e -> e.folder().equals(a.folder()))) {
                            all.add(a);
                        }
                    }
                    models.setAll(all);
                    if (!scan.skipped().isEmpty() && current.get() == null) {
                        status.set("Skipped " + String.join("; ", scan.skipped()));
                    }
                })
                .onFailure(e -> status.set("Could not list models: " + e.getMessage())));
    }

    /**
     * Adds a model folder to the list (a fine-tuned model, a folder the user picked) and returns its entry;
     * an entry for the same folder is returned as it is.
     *
     * @throws ModelFileException when the folder holds no readable model.json
     */
    public ModelEntry add(Path folder) throws ModelFileException {
        Path normal = folder.toAbsolutePath().normalize();
        for (ModelEntry e : models) {
            if (e.folder().equals(normal)) {
                return e;
            }
        }
        ModelConfig config = ModelFolder.readConfig(normal);
        ModelEntry entry = new ModelEntry(config.name(), config.id(), normal,
                normal.startsWith(modelsFolder.toAbsolutePath().normalize()) ? ModelEntry.Source.USER
                        : ModelEntry.Source.ADDED);
        added.add(entry);
        models.add(entry);
        return entry;
    }

    /** The entry whose folder is {@code folder}, if listed. */
    public Optional<ModelEntry> find(Path folder) {
        Path normal = folder.toAbsolutePath().normalize();
        return models.stream().filter(e -> e.folder().equals(normal)).findFirst();
    }

    /**
     * Loads a model in the background; when it is ready it becomes {@link #current()} and the one before is
     * freed (once no lease holds it). A later call supersedes an earlier one still loading.
     */
    public TaskHandle load(ModelEntry entry) {
        Objects.requireNonNull(entry, "entry");
        long sequence = ++loadSequence;
        loading.set(true);
        loadingEntry.set(entry);
        status.set("Loading " + entry.name() + "…");
        return executor.execute(BackgroundTask.of("Loading model " + entry.name(), ctx -> {
            ctx.progress(-1, "starting the engine");
            ComputeDevice onDevice = resolveDevice();
            ctx.progress(-1, "reading " + entry.folder().getFileName());
            long start = System.nanoTime();
            MusicModel model = MusicModel.load(entry.folder(), onDevice.device());
            return new Loaded(model, onDevice, (System.nanoTime() - start) / 1e9);
        }).onSuccess(loaded -> {
            if (device.get() == null) {
                device.set(loaded.device());
            }
            if (sequence != loadSequence) {
                loaded.model().close();
                return;
            }
            replace(new Held(loaded.model()), entry);
            status.set(String.format("%s: %.1f M parameters, loaded in %.1f s", entry.name(),
                    loaded.model().parameterCount() / 1e6, loaded.seconds()));
        }).onFailure(e -> {
            if (sequence == loadSequence) {
                status.set("Could not load " + entry.name() + ": " + e.getMessage());
            }
        }).onFinished(() -> {
            if (sequence == loadSequence) {
                loading.set(false);
                loadingEntry.set(null);
            }
        }));
    }

    /**
     * Lists the models, then loads {@code preferred} if it is listed, else the bundled model, else the
     * first one; loads nothing when there are none (the status says so).
     */
    public TaskHandle refreshAndLoad(Path preferred) {
        return executor.execute(BackgroundTask.of("Listing models", ctx -> scan())
                .onSuccess(scan -> {
                    List<ModelEntry> all = new ArrayList<>(scan.entries());
                    for (ModelEntry a : added) {
                        if (all.stream().noneMatch(e -> e.folder().equals(a.folder()))) {
                            all.add(a);
                        }
                    }
                    models.setAll(all);
                    Optional<ModelEntry> choice = preferred == null ? Optional.empty() : find(preferred);
                    if (choice.isEmpty() && preferred != null && java.nio.file.Files.isDirectory(preferred)) {
                        try {
                            choice = Optional.of(add(preferred));
                        } catch (ModelFileException e) {
                            status.set("The last model is no longer usable: " + e.getMessage());
                        }
                    }
                    if (choice.isEmpty()) {
                        choice = all.stream().filter(e -> e.source() == ModelEntry.Source.BUNDLED).findFirst()
                                .or(() -> all.stream().findFirst());
                    }
                    if (choice.isPresent()) {
                        load(choice.get());
                    } else {
                        status.set("No model yet: make one with 'codebook-studio model init', put it in "
                                + modelsFolder + ", or fine-tune one");
                    }
                })
                .onFailure(e -> status.set("Could not list models: " + e.getMessage())));
    }

    /** Detects the compute device in the background (it starts the engine) so the window can show it. */
    public TaskHandle detectDevice() {
        return executor.execute(BackgroundTask.of("Starting the engine", ctx -> resolveDevice())
                .onSuccess(device::set)
                .onFailure(e -> status.set("The engine did not start: " + e.getMessage())));
    }

    /** Frees the current model (once no lease holds it); nothing is loaded afterwards. */
    public void unload() {
        ModelEntry was = currentEntry.get();
        loadSequence++;
        loading.set(false);
        loadingEntry.set(null);
        replace(null, null);
        status.set(was == null ? "No model loaded" : "Unloaded " + was.name());
    }

    /**
     * A claim on the current model for background work, or empty when none is loaded. Safe from any thread.
     */
    public synchronized Optional<ModelLease> lease() {
        Held h = held;
        if (h == null) {
            return Optional.empty();
        }
        h.leases++;
        AtomicBoolean closed = new AtomicBoolean();
        return Optional.of(new ModelLease() {
            @Override
            public MusicModel model() {
                return h.model;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    release(h);
                }
            }
        });
    }

    /** The loaded model, or null. Use {@link #lease()} around background work with it. */
    public ReadOnlyObjectProperty<MusicModel> current() {
        return current.getReadOnlyProperty();
    }

    /** The selector entry of the loaded model, or null. */
    public ReadOnlyObjectProperty<ModelEntry> currentEntry() {
        return currentEntry.getReadOnlyProperty();
    }

    /** The entry being loaded, or null. */
    public ReadOnlyObjectProperty<ModelEntry> loadingEntry() {
        return loadingEntry.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** A line about the last load, unload or failure, for the window. */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** The compute device, or null until the engine has started. */
    public ReadOnlyObjectProperty<ComputeDevice> device() {
        return device.getReadOnlyProperty();
    }

    /** Memory in use by the whole process now. */
    public MemoryMeter.Reading memory() {
        return MemoryMeter.read();
    }

    /** Unloads (the model is freed once the last lease closes). */
    @Override
    public void close() {
        replace(null, null);
    }

    private ComputeDevice resolveDevice() {
        ComputeDevice d = resolvedDevice;
        if (d == null) {
            synchronized (this) {
                if (resolvedDevice == null) {
                    resolvedDevice = deviceChooser.get();
                }
                d = resolvedDevice;
            }
        }
        return d;
    }

    private void replace(Held next, ModelEntry entry) {
        Held before;
        synchronized (this) {
            before = held;
            held = next;
            if (next != null) {
                next.leases++; // the service's own claim, released when replaced
            }
        }
        current.set(next == null ? null : next.model);
        currentEntry.set(entry);
        if (before != null) {
            release(before);
        }
    }

    private void release(Held h) {
        boolean free;
        synchronized (this) {
            h.leases--;
            free = h.leases == 0;
        }
        if (free) {
            h.model.close();
        }
    }

    private Scan scan() {
        List<ModelEntry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        bundled.get().ifPresent(dir -> {
            try {
                ModelConfig c = ModelFolder.readConfig(dir);
                entries.add(new ModelEntry(c.name(), c.id(), dir, ModelEntry.Source.BUNDLED));
            } catch (ModelFileException e) {
                skipped.add(e.getMessage());
            }
        });
        List<ModelEntry> user = new ArrayList<>();
        if (Files.isDirectory(modelsFolder)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(modelsFolder, Files::isDirectory)) {
                for (Path dir : dirs) {
                    if (!Files.isRegularFile(dir.resolve(ModelFolder.CONFIG_FILE))) {
                        continue;
                    }
                    try {
                        ModelConfig c = ModelFolder.readConfig(dir);
                        user.add(new ModelEntry(c.name(), c.id(), dir, ModelEntry.Source.USER));
                    } catch (ModelFileException e) {
                        LOG.log(Level.WARNING, "skipping model folder: " + e.getMessage());
                        skipped.add(e.getMessage());
                    }
                }
            } catch (IOException e) {
                skipped.add(modelsFolder + ": " + e.getMessage());
            }
        }
        user.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        entries.addAll(user);
        return new Scan(entries, skipped);
    }

    private record Scan(List<ModelEntry> entries, List<String> skipped) {}

    private record Loaded(MusicModel model, ComputeDevice device, double seconds) {}

    /** A loaded model and the claims on it (the service's own while current, plus open leases). */
    private static final class Held {
        final MusicModel model;
        int leases;

        Held(MusicModel model) {
            this.model = model;
        }
    }
}
