package studio.codebook.engine.codec;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.Resampling;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.quantize.Quantizer;
import studio.codebook.engine.quantize.QuantizerConfig;

/**
 * The neural audio codec as users of the engine meet it: {@link #encode(AudioClip)} turns audio into K
 * codebooks of codes, {@link #decode(Codes, int)} turns the first k of them back into audio (fewer
 * codebooks = lower bandwidth, as in EnCodec).
 *
 * <p>Audio of any rate and channel count is accepted: it is down-mixed and resampled to the model's
 * format first. Long audio is processed in chunks of {@link #CHUNK_FRAMES} frames, each with
 * {@link #CONTEXT_FRAMES} frames of context on both sides that are computed and thrown away, so memory
 * stays bounded and the chunk joins are not heard; a clip shorter than a chunk is processed whole.
 *
 * <p>Owns the native memory of its parameters; close it to free them. Every chunk runs inside an
 * {@link NDScope}, so every array made while encoding or decoding is freed when the chunk is done, even
 * those an op placed on the parameters' manager (DJL puts a result on its first input's manager, and a
 * weight-normalised kernel starts from a parameter).
 */
public final class CompressionModel implements AutoCloseable {

    /** Frames per chunk for long audio (30 s at 50 frames/s). */
    public static final int CHUNK_FRAMES = 1500;
    /** Frames of context on each side of a chunk. */
    public static final int CONTEXT_FRAMES = 50;

    private final SeanetConfig codecConfig;
    private final int sampleRate;
    private int chunkFrames = CHUNK_FRAMES;
    private int contextFrames = CONTEXT_FRAMES;
    private final NDManager manager;
    private final CodecBlock block;

    private CompressionModel(SeanetConfig codecConfig, QuantizerConfig quantizerConfig, int sampleRate, Device device,
            long seed) {
        this.codecConfig = codecConfig;
        this.sampleRate = sampleRate;
        Engine engine = ComputeDevice.engine();
        this.manager = NDManager.newBaseManager(device, ComputeDevice.ENGINE);
        engine.setRandomSeed((int) seed);
        Quantizer quantizer = Quantizer.create(quantizerConfig, seed);
        this.block = new CodecBlock(
                SeanetEncoder.builder().setConfig(codecConfig).optSeed(seed).build(),
                quantizer,
                decoder(codecConfig, seed + 1));
        block.initialize(manager, DataType.FLOAT32, new Shape(1, codecConfig.channels(), codecConfig.hopLength()));
    }

    private static AudioDecoder decoder(SeanetConfig config, long seed) {
        return config.spectralDecoder() == null ? SeanetDecoder.builder().setConfig(config).optSeed(seed).build()
                : new SpectralDecoder(config, config.spectralDecoder(), seed);
    }

    /**
     * A codec with freshly initialised (random) weights.
     *
     * @param seed makes the weights reproducible
     */
    public static CompressionModel create(SeanetConfig codec, QuantizerConfig quantizer, int sampleRate,
            Device device, long seed) {
        if (codec.dimension() != quantizer.dimension()) {
            throw new IllegalArgumentException("the codec's latent dimension " + codec.dimension()
                    + " differs from the quantizer's " + quantizer.dimension());
        }
        return new CompressionModel(codec, quantizer, sampleRate, device, seed);
    }

    /** Changes the chunking of long audio (tests compare chunked with whole-clip results). */
    void setChunking(int chunk, int context) {
        if (chunk < 1 || context < 0) {
            throw new IllegalArgumentException("chunk must be positive and context non-negative");
        }
        this.chunkFrames = chunk;
        this.contextFrames = context;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return codecConfig.channels();
    }

    public int hopLength() {
        return codecConfig.hopLength();
    }

    /**
     * Decoding must start on a frame whose index in the clip is a multiple of this ({@link
     * AudioDecoder#frameAlignment}). {@link #decode} aligns its chunks; a caller decoding part of a clip's codes
     * (e.g. streaming) must start its part on such a frame.
     */
    public int frameAlignment() {
        return block.decoder().frameAlignment();
    }

    public double frameRate() {
        return (double) sampleRate / codecConfig.hopLength();
    }

    public int numCodebooks() {
        return block.quantizer().numCodebooks();
    }

    public int codebookSize() {
        return block.quantizer().codebookSize();
    }

    /** The whole codec as a DJL block (for training and for the model files). */
    public CodecBlock block() {
        return block;
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return manager;
    }

    /** Number of trainable and state values. */
    public long parameterCount() {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Converts a clip to the model's channel count and sample rate. */
    public AudioClip prepare(AudioClip clip) {
        AudioClip c = clip;
        if (channels() == 1 && c.numChannels() != 1) {
            c = c.toMono();
        } else if (c.numChannels() != channels()) {
            throw new IllegalArgumentException("this model takes " + channels() + " channels, the clip has "
                    + c.numChannels());
        }
        if (c.sampleRate() != sampleRate) {
            c = Resampling.resample(c, sampleRate);
        }
        return c;
    }

    /**
     * Initialises the codebooks by k-means on the latents of the given audio, as the first training batch
     * would (one quantizer training step: k-means, one EMA update, dead-code replacement). Without it a
     * random-weight model maps every frame to the same entries; with it even random weights give codes that
     * use the codebooks, which makes a {@code model init} model useful for trying the tools.
     */
    public void initializeCodebooks(java.util.List<AudioClip> clips) {
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDList latents = new NDList();
            for (AudioClip clip : clips) {
                AudioClip audio = prepare(clip);
                float[][] samples = new float[audio.numChannels()][];
                for (int c = 0; c < samples.length; c++) {
                    samples[c] = audio.channel(c);
                }
                NDArray input = audioArray(scope, samples, 0, audio.numFrames());
                latents.add(block.encoder().forward(ps, new NDList(input), false).singletonOrThrow());
            }
            block.quantizer().quantize(ps, NDArrays.concat(latents, 2), true);
        }
    }

    /** Codes of all K codebooks for a clip (any rate or channel count). An empty clip gives zero frames. */
    public Codes encode(AudioClip clip) {
        AudioClip audio = prepare(clip);
        int length = audio.numFrames();
        int hop = hopLength();
        int frames = (length + hop - 1) / hop;
        int k = numCodebooks();
        int[][] codes = new int[k][frames];
        float[][] samples = new float[audio.numChannels()][];
        for (int c = 0; c < samples.length; c++) {
            samples[c] = audio.channel(c);
        }
        for (int start = 0; start < frames; start += chunkFrames) {
            int end = Math.min(frames, start + chunkFrames);
            int from = Math.max(0, start - contextFrames);
            int to = Math.min(frames, end + contextFrames);
            int sampleFrom = from * hop;
            int sampleTo = Math.min(length, to * hop);
            try (NDScope arrays = new NDScope(); NDManager scope = manager.newSubManager()) {
                NDArray input = audioArray(scope, samples, sampleFrom, sampleTo);
                ParameterStore ps = new ParameterStore(scope, false);
                NDArray latent = block.encoder().forward(ps, new NDList(input), false).singletonOrThrow();
                NDArray chunkCodes = block.quantizer().encode(ps, latent, k);
                long[] values = chunkCodes.toType(DataType.INT64, false).toLongArray();
                int chunkFrames = (int) chunkCodes.getShape().get(2);
                for (int q = 0; q < k; q++) {
                    for (int t = start; t < end; t++) {
                        codes[q][t] = (int) values[q * chunkFrames + (t - from)];
                    }
                }
            }
        }
        return frames == 0 ? emptyCodes(k) : new Codes(codes, codebookSize(), frameRate());
    }

    /**
     * Audio from the first {@code k} codebooks of the codes, at the model's rate and channel count,
     * {@code frames × hop} samples long.
     */
    public AudioClip decode(Codes codes, int k) {
        if (codes.codebookSize() != codebookSize()) {
            throw new IllegalArgumentException("codes from codebooks of " + codes.codebookSize()
                    + " entries cannot be decoded by a model with " + codebookSize());
        }
        if (k < 1 || k > Math.min(numCodebooks(), codes.numCodebooks())) {
            throw new IllegalArgumentException("can decode with 1.." + Math.min(numCodebooks(), codes.numCodebooks())
                    + " codebooks, not " + k);
        }
        int frames = codes.numFrames();
        int hop = hopLength();
        int[][] all = codes.codes();
        float[][] out = new float[channels()][frames * hop];
        int alignment = frameAlignment();
        for (int start = 0; start < frames; start += chunkFrames) {
            int end = Math.min(frames, start + chunkFrames);
            int from = Math.max(0, start - contextFrames);
            from -= from % alignment;
            int to = Math.min(frames, end + contextFrames);
            long[] chunk = new long[k * (to - from)];
            for (int q = 0; q < k; q++) {
                for (int t = from; t < to; t++) {
                    chunk[q * (to - from) + (t - from)] = all[q][t];
                }
            }
            try (NDScope arrays = new NDScope(); NDManager scope = manager.newSubManager()) {
                ParameterStore ps = new ParameterStore(scope, false);
                NDArray codeArray = scope.create(chunk, new Shape(1, k, to - from));
                NDArray latent = block.quantizer().decode(ps, codeArray);
                NDArray audio = block.decoder().forward(ps, new NDList(latent), false).singletonOrThrow();
                float[] values = audio.toFloatArray();
                int chunkSamples = (to - from) * hop;
                for (int c = 0; c < channels(); c++) {
                    System.arraycopy(values, c * chunkSamples + (start - from) * hop, out[c], start * hop,
                            (end - start) * hop);
                }
            }
        }
        return new AudioClip(out, sampleRate);
    }

    /** Encode then decode with the first k codebooks, cut to the prepared input's length. */
    public AudioClip reconstruct(AudioClip clip, int k) {
        AudioClip prepared = prepare(clip);
        AudioClip decoded = decode(encode(prepared), k);
        float[][] cut = new float[decoded.numChannels()][];
        for (int c = 0; c < cut.length; c++) {
            cut[c] = java.util.Arrays.copyOf(decoded.channel(c), prepared.numFrames());
        }
        return new AudioClip(cut, sampleRate);
    }

    private NDArray audioArray(NDManager scope, float[][] samples, int from, int to) {
        int n = to - from;
        float[] flat = new float[samples.length * n];
        for (int c = 0; c < samples.length; c++) {
            System.arraycopy(samples[c], from, flat, c * n, n);
        }
        return scope.create(flat, new Shape(1, samples.length, n));
    }

    private Codes emptyCodes(int k) {
        return new Codes(new int[k][0], codebookSize(), frameRate());
    }

    @Override
    public void close() {
        manager.close();
    }
}
