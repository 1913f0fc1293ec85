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
 */
public final class ModelWeights {

    private ModelWeights() {}

    /** Writes the block's parameters (the block must be initialised) and the metadata, atomically. */
    public static void save(Block block, Path file, Map<String, String> metadata) throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            tensors.put(p.getKey(), toTensor(array));
        }
        SafeTensors.write(file, tensors, metadata);
    }

    /**
     * Copies the file's tensors into the block's parameters (the block must be initialised with the
     * architecture the file was saved from).
     *
     * @return the file's metadata
     * @throws ModelFileException naming the file when a tensor is missing, unexpected, or of another shape
     */
    public static Map<String, String> load(Block block, Path file) throws ModelFileException {
        SafeTensors.Content content = SafeTensors.read(file);
        Map<String, SafeTensors.Tensor> tensors = content.tensors();
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getKey();
            SafeTensors.Tensor tensor = tensors.get(name);
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
            copyInto(file, name, tensor, array);
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
            array.set(tensor.toFloats());
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
