package studio.codebook.engine.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/** What the residual and product quantizer tests both do to a quantizer and check of it. */
final class QuantizerChecks {

    private QuantizerChecks() {}

    /** A quantizer's K streams of a latent, and the gradient of the sum of every stream's elements. */
    record StreamsAndGradient(NDList streams, NDArray latentGradient) {}

    /** The streams of a copy of {@code latent} that requires gradient, and that copy's gradient. */
    static StreamsAndGradient streamsWithGradient(Quantizer q, ParameterStore ps, NDArray latent, StreamKind kind) {
        NDArray x = latent.duplicate();
        x.setRequiresGradient(true);
        NDList streams;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            streams = q.streams(ps, x, kind);
            NDArray total = streams.get(0).sum();
            for (int k = 1; k < streams.size(); k++) {
                total = total.add(streams.get(k).sum());
            }
            gc.backward(total);
        }
        return new StreamsAndGradient(streams, x.getGradient());
    }

    /** Every parameter of {@code block} holds the values of {@code expected} (a {@link ClusteredData#snapshot}). */
    static void assertParameters(float[][] expected, Block block, String context) {
        float[][] actual = ClusteredData.snapshot(block);
        assertEquals(expected.length, actual.length, context);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], context + ": parameter " + block.getParameters().keys().get(i));
        }
    }

    /**
     * Runs every method 200 times on {@code x} (training quantize, encode of 1..K codebooks, decode, each
     * kind of stream), closing the results, and asserts that {@code manager} holds no more arrays after
     * the last round than after the 20th.
     */
    static void assertNoArraysAccumulate(Quantizer q, NDManager manager, ParameterStore ps, NDArray x) {
        int start = 0;
        for (int i = 0; i < 200; i++) {
            if (i == 20) {
                start = manager.getManagedArrays().size();
            }
            QuantizedLatent out = q.quantize(ps, x, true);
            out.quantized().close();
            out.codes().close();
            out.commitmentLoss().close();
            NDArray codes = q.encode(ps, x, 1 + i % q.numCodebooks());
            q.decode(ps, codes).close();
            codes.close();
            q.streams(ps, x, StreamKind.values()[i % StreamKind.values().length]).close();
        }
        int end = manager.getManagedArrays().size();
        assertEquals(start, end, "managed arrays grew from " + start + " to " + end);
    }
}
