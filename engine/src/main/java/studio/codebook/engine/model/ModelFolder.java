package studio.codebook.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import studio.codebook.engine.io.AtomicWrite;

/**
 * The layout of a model folder and the reading and writing of its {@code model.json}.
 *
 * <pre>
 * my-model/
 *   model.json          architecture, rates, codebooks, provenance ({@link ModelConfig})
 *   codec.safetensors   every parameter of the codec, by name ({@link ModelWeights})
 *   lm.safetensors      the language model        (absent in a codec-only model)
 *   text.safetensors    the text encoder          (absent in a codec-only model)
 *   tokenizer.json      the text tokenizer, HuggingFace format (absent in a codec-only model)
 * </pre>
 */
public final class ModelFolder {

    public static final String CONFIG_FILE = "model.json";
    public static final String CODEC_WEIGHTS_FILE = "codec.safetensors";
    public static final String LM_WEIGHTS_FILE = "lm.safetensors";
    public static final String TEXT_WEIGHTS_FILE = "text.safetensors";
    public static final String TOKENIZER_FILE = "tokenizer.json";

    /** Refuse a model.json larger than this: it is a few KB in practice. */
    private static final long MAX_CONFIG_BYTES = 1 << 20;

    private ModelFolder() {}

    /** Reads and validates {@code dir/model.json}. */
    public static ModelConfig readConfig(Path dir) throws ModelFileException {
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException(dir, Files.exists(dir) ? "not a model folder (it is a file)"
                    : "no such model folder");
        }
        Path file = dir.resolve(CONFIG_FILE);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new ModelFileException(file, "too large to be a model description");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "missing: this folder is not a Codebook Studio model");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        JsonNode tree;
        try {
            tree = ModelJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new ModelFileException(file, "is not valid JSON (" + firstLine(e) + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new ModelFileException(file, "is not a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new ModelFileException(file, "has no schemaVersion");
        }
        if (version.asInt() != ModelConfig.SCHEMA_VERSION) {
            throw new ModelFileException(file, "has schema version " + version.asInt() + ", which this version of "
                    + "Codebook Studio cannot read (it reads " + ModelConfig.SCHEMA_VERSION + ")");
        }
        try {
            return ModelJson.mapper().treeToValue(tree, ModelConfig.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ModelFileException(file, "is invalid: " + cause.getMessage());
        } catch (MismatchedInputException e) {
            throw new ModelFileException(file, "is invalid at " + path(e) + ": " + firstLine(e));
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "is invalid: " + firstLine(e));
        }
    }

    /** Writes {@code dir/model.json} atomically. */
    public static void writeConfig(Path dir, ModelConfig config) throws IOException {
        AtomicWrite.write(dir.resolve(CONFIG_FILE), ModelJson.mapper().writeValueAsBytes(config));
    }

    /** The codec weights file of a model folder. */
    public static Path codecWeights(Path dir) {
        return dir.resolve(CODEC_WEIGHTS_FILE);
    }

    /** The files a model folder with this description must hold, model.json first. */
    public static java.util.List<Path> files(Path dir, ModelConfig config) {
        java.util.List<Path> files = new java.util.ArrayList<>(java.util.List.of(dir.resolve(CONFIG_FILE),
                dir.resolve(CODEC_WEIGHTS_FILE)));
        if (config.canGenerate()) {
            files.add(dir.resolve(LM_WEIGHTS_FILE));
            files.add(dir.resolve(TEXT_WEIGHTS_FILE));
            files.add(dir.resolve(TOKENIZER_FILE));
        }
        return files;
    }

    /**
     * A content hash of the model: SHA-256 over all its files, first 16 hex digits. Two folders with the
     * same hash hold the same model.
     */
    public static String hash(Path dir, ModelConfig config) throws ModelFileException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files(dir, config)) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (NoSuchFileException e) {
                    throw new ModelFileException(file, "missing");
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(dir, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        });
        return sb.length() == 0 ? "the top level" : sb.toString();
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
