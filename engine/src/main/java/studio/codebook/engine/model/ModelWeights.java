package studio.codebook.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Saves every parameter of a DJL block (trainable weights and EMA state alike) into a safetensors file
 * under the block's own parameter names, and loads them back into a block of the same architecture,
 * checking that the file holds exactly the block's parameters with exactly their shapes.
 *
 * <p>A file is written in full precision or compact ({@link WeightStorage}); loading takes either: a float32
 * parameter accepts F32, F16, BF16 and F64 tensors, and I8 tensors with their scales
 * ({@link CompactTensors}), all converted to float32.
 */
public final class ModelWeights {

    private ModelWeights() {}

    /** Writes the block's parameters (the block must be initialised) and the metadata, atomically, in full. */
    public static void save(Block block, Path file, Map<String, String> metadata) throws IOException {
        save(block, file, metadata, WeightStorage.FULL);
    }

    /**
     * Writes the block's parameters in the given storage, atomically; the storage is added to the metadata.
     * In {@link WeightStorage#COMPACT} the trainable float tensors that {@link CompactTensors#quantizes} are
     * stored in 8 bits; state parameters (requiring no gradient: the quantizer's codebooks and EMA buffers)
     * and everything else as in memory.
     *
     * @throws IllegalArgumentException when a tensor to be stored in 8 bits holds a non-finite value
     */
    public static void save(Block block, Path file, Map<String, String> metadata, WeightStorage storage)
            throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(CompactTensors.SCALE_SUFFIX)) {
                throw new IllegalArgumentException("parameter '" + p.getKey() + "' ends like the name of 8-bit scales");
            }
            Parameter parameter = p.getValue();
            NDArray array = parameter.getArray();
            long[] shape = array.getShape().getShape();
            if (storage == WeightStorage.COMPACT && parameter.requiresGradient()
                    && array.getDataType() == DataType.FLOAT32 && CompactTensors.quantizes(shape)) {
                tensors.putAll(CompactTensors.encode(p.getKey(), array.toFloatArray(), shape));
            } else {
                tensors.put(p.getKey(), toTensor(array));
            }
        }
        Map<String, String> withStorage = new LinkedHashMap<>(metadata);
        withStorage.put(WeightStorage.METADATA_KEY, storage.label());
        SafeTensors.write(file, tensors, withStorage);
    }

    /**
     * Copies the file's tensors into the block's parameters (the block must be initialised with the
     * architecture the file was saved from).
     *
     * @return the file's metadata
     * @throws ModelFileException naming the file when a tensor is missing, unexpected, or of another shape
     */
    public static Map<String, String> load(Block block, Path file) throws ModelFileException {
        return load(block, file, java.util.Set.of());
    }

    /**
     * As {@link #load(Block, Path)}, but the parameters named in {@code addedLater} may be absent from the file:
     * they keep the values the block was initialised with (a part added to an architecture after the file was
     * written, initialised so that it changes nothing, as the LM's beat input).
     */
    public static Map<String, String> load(Block block, Path file, java.util.Set<String> addedLater)
            throws ModelFileException {
        SafeTensors.Content content = SafeTensors.read(file);
        Map<String, SafeTensors.Tensor> tensors = content.tensors();
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getKey();
            SafeTensors.Tensor tensor = tensors.get(name);
            if (tensor == null && addedLater.contains(name)) {
                continue;
            }
            if (tensor == null) {
                throw new ModelFileException(file, "weights do not match the architecture in model.json: "
                        + "tensor '" + name + "' is missing");
            }
            unexpected.remove(name);
            NDArray array = p.getValue().getArray();
            Shape expected = array.getShape();
            if (!Arrays.equals(expected.getShape(), tensor.shape())) {
                throw new ModelFileException(file, "weights do not match the architecture in model.json: "
                        + "tensor '" + name + "' has shape " + Arrays.toString(tensor.shape()) + ", expected "
                        + Arrays.toString(expected.getShape()));
            }
            if (tensor.dtype() == SafeTensors.DType.I8 && array.getDataType() == DataType.FLOAT32) {
                String scaleName = name + CompactTensors.SCALE_SUFFIX;
                array.set(CompactTensors.decode(file, name, tensor, tensors.get(scaleName)));
                unexpected.remove(scaleName);
            } else {
                copyInto(file, name, tensor, array);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new ModelFileException(file, "weights do not match the architecture in model.json: "
                    + "unexpected tensor(s) " + String.join(", ", unexpected.headSet(unexpected.first(), true))
                    + (unexpected.size() > 1 ? " and " + (unexpected.size() - 1) + " more" : ""));
        }
        return content.metadata();
    }

    private static SafeTensors.Tensor toTensor(NDArray array) {
        long[] shape = array.getShape().getShape();
        DataType type = array.getDataType();
        ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(bytes).flip();
        SafeTensors.DType dtype = switch (type) {
            case FLOAT32 -> SafeTensors.DType.F32;
            case FLOAT64 -> SafeTensors.DType.F64;
            case FLOAT16 -> SafeTensors.DType.F16;
            case INT64 -> SafeTensors.DType.I64;
            case INT32 -> SafeTensors.DType.I32;
            case UINT8 -> SafeTensors.DType.U8;
            case BOOLEAN -> SafeTensors.DType.BOOL;
            default -> throw new IllegalArgumentException("cannot save a parameter of type " + type);
        };
        return new SafeTensors.Tensor(dtype, shape, copy);
    }

    private static void copyInto(Path file, String name, SafeTensors.Tensor tensor, NDArray array)
            throws ModelFileException {
        DataType type = array.getDataType();
        if (type == DataType.FLOAT32) {
            switch (tensor.dtype()) {
                case F32, F16, BF16, F64 -> array.set(tensor.toFloats());
                default -> throw new ModelFileException(file, "tensor '" + name + "' is " + tensor.dtype()
                        + ", expected a float type");
            }
            return;
        }
        SafeTensors.DType expected = switch (type) {
            case INT64 -> SafeTensors.DType.I64;
            case INT32 -> SafeTensors.DType.I32;
            case FLOAT64 -> SafeTensors.DType.F64;
            case UINT8 -> SafeTensors.DType.U8;
            case BOOLEAN -> SafeTensors.DType.BOOL;
            default -> null;
        };
        if (expected != tensor.dtype()) {
            throw new ModelFileException(file, "tensor '" + name + "' is " + tensor.dtype() + ", expected " + type);
        }
        array.set(tensor.data().duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }
}
