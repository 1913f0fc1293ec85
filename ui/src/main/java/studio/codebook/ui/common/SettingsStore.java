package studio.codebook.ui.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import studio.codebook.engine.io.AtomicWrite;

/**
 * Keeps {@link StudioSettings} in {@code settings.json} in the studio's home folder, written atomically.
 * A missing file gives the defaults; an unreadable one gives the defaults too, is kept aside as
 * {@code settings.json.bad} so the next save does not destroy it, and leaves a notice for the window —
 * never an exception at start-up.
 *
 * <p>The home folder is {@code ~/.local/share/codebook-studio} ({@code $XDG_DATA_HOME/codebook-studio}
 * when set), or the folder named by the system property {@value #HOME_PROPERTY} (tests use a temporary
 * folder).
 */
public final class SettingsStore {

    public static final String HOME_PROPERTY = "codebook.studio.home";
    public static final String FILE_NAME = "settings.json";

    private static final System.Logger LOG = System.getLogger(SettingsStore.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path home;
    private volatile StudioSettings current;
    private volatile String notice;

    /** A store in {@code home}, with the settings read from it now. */
    public SettingsStore(Path home) {
        this.home = Objects.requireNonNull(home, "home").toAbsolutePath();
        this.current = read();
    }

    /** The store in the default home folder (or the one the system property names). */
    public static SettingsStore atDefaultHome() {
        return new SettingsStore(defaultHome());
    }

    /** The studio's home folder: the system property, else the platform's per-user data folder. */
    public static Path defaultHome() {
        String explicit = System.getProperty(HOME_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path user = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : user).resolve("Codebook Studio");
        }
        if (os.contains("mac")) {
            return user.resolve("Library/Application Support/Codebook Studio");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : user.resolve(".local/share")).resolve("codebook-studio");
    }

    public Path home() {
        return home;
    }

    public Path file() {
        return home.resolve(FILE_NAME);
    }

    /** The settings as last read or updated. */
    public StudioSettings current() {
        return current;
    }

    /** Why the settings file could not be used at start-up, if it could not. */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    /** Changes the settings in memory; {@link #save()} writes them. Safe from any thread. */
    public synchronized StudioSettings update(UnaryOperator<StudioSettings> change) {
        current = Objects.requireNonNull(change.apply(current), "settings");
        return current;
    }

    /** Writes the current settings atomically. */
    public synchronized void save() throws IOException {
        AtomicWrite.write(file(), JSON.writeValueAsBytes(current));
    }

    /** Where clips and user models live: the settings' data folder, else the home folder. */
    public Path dataFolder() {
        String chosen = current.dataFolder();
        return chosen == null ? home : Path.of(chosen).toAbsolutePath();
    }

    /** {@code <data>/clips}, where the library keeps generated clips. */
    public Path clipsFolder() {
        return dataFolder().resolve("clips");
    }

    /** {@code <data>/models}, where user and fine-tuned models live (one folder each). */
    public Path modelsFolder() {
        return dataFolder().resolve("models");
    }

    private StudioSettings read() {
        Path file = file();
        if (!Files.exists(file)) {
            return StudioSettings.defaults();
        }
        try {
            StudioSettings read = JSON.readValue(file.toFile(), StudioSettings.class);
            if (read == null) {
                throw new IOException("the file is empty");
            }
            return read;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(FILE_NAME + ".bad");
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            notice = "Settings could not be read (" + file + ": " + reason + "); starting with defaults.";
            try {
                Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
                notice += " The old file is kept as " + aside.getFileName() + ".";
            } catch (IOException copy) {
                LOG.log(Level.WARNING, "could not keep a copy of " + file + ": " + copy.getMessage());
            }
            LOG.log(Level.WARNING, notice);
            return StudioSettings.defaults();
        }
    }
}
