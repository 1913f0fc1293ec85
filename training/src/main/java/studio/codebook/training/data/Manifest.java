package studio.codebook.training.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import studio.codebook.engine.io.AtomicWrite;

/**
 * What a library scan used and skipped: the record a trained model's provenance points to, and the list
 * the user reviews (and edits captions in) before training.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param libraryFolder the scanned folder, absolute
 * @param config the configuration the segments were cut with
 * @param scanDate when the folder was scanned, ISO-8601 UTC
 * @param tracks usable tracks, sorted by relative path
 * @param skipped files not used, with the reason, sorted by relative path
 */
public record Manifest(int formatVersion, String libraryFolder, LibraryConfig config, String scanDate,
        List<TrackEntry> tracks, List<SkippedFile> skipped) {

    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    /** Sorted keys, no whitespace: the same content always gives the same bytes, whatever the field order. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("manifest format " + formatVersion + " is not known (this app reads "
                    + FORMAT_VERSION + ")");
        }
        Objects.requireNonNull(libraryFolder, "libraryFolder");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(scanDate, "scanDate");
        try {
            Instant.parse(scanDate);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("scan date is not an ISO-8601 instant: " + scanDate, e);
        }
        tracks = List.copyOf(tracks);
        skipped = List.copyOf(skipped);
        Set<String> paths = new HashSet<>();
        for (TrackEntry t : tracks) {
            if (!paths.add(t.relativePath())) {
                throw new IllegalArgumentException("the manifest lists " + t.relativePath() + " twice");
            }
        }
        for (SkippedFile s : skipped) {
            if (!paths.add(s.relativePath())) {
                throw new IllegalArgumentException("the manifest lists " + s.relativePath() + " twice");
            }
        }
    }

    /** The usable track at {@code relativePath}, if any. */
    public Optional<TrackEntry> track(String relativePath) {
        return tracks.stream().filter(t -> t.relativePath().equals(relativePath)).findFirst();
    }

    /**
     * This manifest with the caption of the track at {@code relativePath} replaced by the user's text (trimmed);
     * the caption's source becomes {@link CaptionSource#EDITED}. Nothing else changes, the split included.
     *
     * @throws IllegalArgumentException when no usable track has that path, or the caption is blank
     */
    public Manifest withCaption(String relativePath, String newCaption) {
        Objects.requireNonNull(newCaption, "newCaption");
        TrackEntry old = track(relativePath).orElseThrow(() -> new IllegalArgumentException(
                relativePath + " is not a usable track of this library"));
        List<TrackEntry> edited = new ArrayList<>(tracks);
        edited.set(tracks.indexOf(old), old.withCaption(old.caption().edited(newCaption)));
        return new Manifest(formatVersion, libraryFolder, config, scanDate, edited, skipped);
    }

    /**
     * A stable hash of what the segments are made from, for a model's provenance: SHA-256 (hex) of the
     * configuration and the track entries (paths, content hashes, captions, splits, counts) in canonical
     * JSON. The folder's location, the scan date and the skipped files do not enter it, so rescanning an
     * unchanged folder, or the same files elsewhere, gives the same hash; any caption edit changes it.
     */
    public String hash() {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(new HashedContent(config, tracks));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a manifest", e);
        }
    }

    private record HashedContent(LibraryConfig config, List<TrackEntry> tracks) {}

    /** The manifest as indented JSON. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest as JSON", e);
        }
    }

    /**
     * Parses a manifest strictly: unknown or missing fields, wrong types and impossible values are errors.
     *
     * @param sourceName names the JSON's origin in the error message
     */
    public static Manifest fromJson(String json, String sourceName) throws ManifestException {
        try {
            return MAPPER.readValue(json, Manifest.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String detail = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new ManifestException(sourceName + ": not a valid library manifest (" + detail + ")", e);
        }
    }

    /**
     * Writes the manifest atomically (temporary file, then rename). The target may not lie inside the
     * library folder: the user's folder is only ever read.
     */
    public void write(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (realPathOfExistingPart(absolute).startsWith(realPathOfExistingPart(Path.of(libraryFolder).toAbsolutePath()))) {
            throw new IllegalArgumentException("the manifest must not be written inside the library folder "
                    + libraryFolder + "; keep it with the app's data");
        }
        AtomicWrite.write(absolute, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The path with its longest existing prefix resolved through links, so a link cannot hide the folder. */
    private static Path realPathOfExistingPart(Path absolute) throws IOException {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    }

    /**
     * Reads a manifest written by {@link #write}.
     *
     * @throws ManifestException when the file is not a valid manifest (not UTF-8 text among the reasons)
     * @throws IOException when the file cannot be read at all
     */
    public static Manifest read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            // Files.readString says only "Input length = 1" (found by fuzzing)
            throw new ManifestException(name + ": not a valid library manifest (it is not UTF-8 text)", e);
        }
        return fromJson(json, name);
    }
}
