package studio.codebook.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.CodecBlock;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.stats.Alignment;
import studio.codebook.engine.stats.CodeReport;
import studio.codebook.engine.stats.CodeStatistics;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.AudioMetrics;
import studio.codebook.training.loss.IndependenceConfig;
import studio.codebook.training.loss.IndependenceLoss;
import studio.codebook.training.loss.MelSpectrogram;
import studio.codebook.training.loss.ReconstructionConfig;

/**
 * How well a codec reconstructs held-out audio and how dependent its codebooks are.
 *
 * <ul>
 *   <li><b>Bandwidth curve</b>: every segment is encoded once and decoded with the first k codebooks for
 *       k = 1…K ({@code reconstruct(segment, k)} without re-encoding), cut to the segment's length; SI-SNR
 *       and mel distance ({@link AudioMetrics}) per segment and k, and their mean and spread over segments.
 *   <li><b>Codes</b>: the engine's {@link CodeStatistics} report of all segments' codes pooled (pairs and
 *       tuples never cross a segment boundary): per-codebook entropy and perplexity, the MI matrices for the
 *       same frame and the delay pattern, total correlation (pairwise sum and coarse-grained).
 *   <li><b>MMD²</b>: the independence loss's value on held-out latents for both alignments, with the
 *       settings' stream kind (default codeword) and σ; encoder and quantizer in eval mode, no gradients,
 *       all arrays inside an {@link NDScope} and a sub-manager so they are freed. Each alignment is
 *       estimated {@code mmdPermutations} times (fresh permutations, and a fresh random subsample of
 *       {@code mmdMaxSamples} frames when there are more), and as many times again with each stream's
 *       frames shuffled first (the null level). To bound memory, the latents come from at most enough
 *       segments (evenly spaced in the list) to hold 4 × {@code mmdMaxSamples} frames.
 *   <li><b>Frame-rate comb</b>: the share of each reconstruction's energy (all K codebooks) that repeats
 *       with the frame period ({@link FrameRateComb}), next to the originals' share.
 * </ul>
 *
 * @param segments segments evaluated
 * @param codebooks K
 * @param codebookSize V
 * @param frameRate frames per second
 * @param bandwidth one point per k = 1…K
 * @param perSegment quality of each segment at every k
 * @param codes the code statistics
 * @param mmd one estimate per alignment (same frame, delay)
 * @param mmdSegments segments whose latents entered the MMD²
 * @param comb the frame-periodic share of the reconstructions and of the originals
 */
public record CodecEvaluation(int segments, int codebooks, int codebookSize, double frameRate,
        List<BandwidthPoint> bandwidth, List<SegmentQuality> perSegment, CodeReport codes, List<MmdEstimate> mmd,
        int mmdSegments, FrameRateComb comb) {

    /** Segments per encoder batch when computing latents for the MMD². */
    private static final int BATCH = 8;
    /** The MMD² uses latents of at most this many times {@code mmdMaxSamples} frames. */
    private static final int MMD_FRAME_FACTOR = 4;

    public CodecEvaluation {
        bandwidth = List.copyOf(bandwidth);
        perSegment = List.copyOf(perSegment);
        mmd = List.copyOf(mmd);
    }

    /** Encodes the segments and measures; see the class comment. */
    public static CodecEvaluation measure(CompressionModel codec, List<Segment> segments, EvaluationSettings settings,
            EvaluationListener listener) {
        return measure(codec, segments, encode(codec, segments, listener), settings, listener);
    }

    /** The codes of each segment (mono samples at the codec's rate). */
    public static List<Codes> encode(CompressionModel codec, List<Segment> segments, EvaluationListener listener) {
        List<Codes> out = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            out.add(codec.encode(AudioClip.mono(segments.get(i).samples(), codec.sampleRate())));
            listener.progress("encode", i + 1, segments.size());
        }
        return out;
    }

    /**
     * Measures with codes already computed by {@link #encode}.
     *
     * @throws IllegalArgumentException when there are no segments or the codes do not match them
     */
    public static CodecEvaluation measure(CompressionModel codec, List<Segment> segments, List<Codes> codes,
            EvaluationSettings settings, EvaluationListener listener) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments to evaluate");
        }
        if (codes.size() != segments.size()) {
            throw new IllegalArgumentException(segments.size() + " segments but " + codes.size() + " codes");
        }
        int k = codec.numCodebooks();
        MelSpectrogram mel = MelSpectrogram.of(codec.sampleRate(), ReconstructionConfig.defaults());
        List<SegmentQuality> perSegment = new ArrayList<>(segments.size());
        double combDecoded = 0;
        double combReference = 0;
        for (int i = 0; i < segments.size(); i++) {
            float[] reference = segments.get(i).samples();
            List<Double> snr = new ArrayList<>(k);
            List<Double> melDistance = new ArrayList<>(k);
            for (int q = 1; q <= k; q++) {
                float[] decoded = Arrays.copyOf(codec.decode(codes.get(i), q).channel(0), reference.length);
                snr.add(AudioMetrics.siSnr(decoded, reference));
                melDistance.add(AudioMetrics.melDistance(decoded, reference, mel));
                if (q == k) {
                    int hop = codec.hopLength();
                    combDecoded += AudioMetrics.frameRateComb(decoded, hop, AudioMetrics.COMB_WINDOW_FRAMES);
                    combReference += AudioMetrics.frameRateComb(reference, hop, AudioMetrics.COMB_WINDOW_FRAMES);
                }
            }
            perSegment.add(new SegmentQuality(segments.get(i).trackId(), i, snr, melDistance));
            listener.progress("reconstruct", i + 1, segments.size());
        }
        double bitsPerCode = Math.log(codec.codebookSize()) / Math.log(2);
        List<BandwidthPoint> curve = new ArrayList<>(k);
        for (int q = 0; q < k; q++) {
            final int index = q;
            double[] snr = perSegment.stream().mapToDouble(s -> s.siSnrDb().get(index)).toArray();
            double[] md = perSegment.stream().mapToDouble(s -> s.melDistance().get(index)).toArray();
            curve.add(new BandwidthPoint(q + 1, (q + 1) * bitsPerCode * codec.frameRate() / 1000, mean(snr), std(snr),
                    mean(md), std(md)));
        }
        CodeStatistics stats = CodeStatistics.of(codes);
        CodeReport report = stats.report(List.of(Alignment.sameFrame(), Alignment.delayPattern()),
                Math.min(settings.groups(), codec.codebookSize()));
        List<Segment> mmdSegments = mmdSegments(segments, codes.get(0).numFrames(), settings.mmdMaxSamples());
        List<MmdEstimate> mmd = k < 2 ? List.of() : mmd(codec, mmdSegments, settings, listener);
        return new CodecEvaluation(segments.size(), k, codec.codebookSize(), codec.frameRate(), curve, perSegment,
                report, mmd, k < 2 ? 0 : mmdSegments.size(), new FrameRateComb(AudioMetrics.COMB_WINDOW_FRAMES,
                        combDecoded / segments.size(), combReference / segments.size()));
    }

    /** Evenly spaced segments holding about {@code MMD_FRAME_FACTOR × maxSamples} frames (all when 0). */
    static List<Segment> mmdSegments(List<Segment> segments, int framesPerSegment, int maxSamples) {
        if (maxSamples == 0) {
            return segments;
        }
        long wanted = (long) MMD_FRAME_FACTOR * maxSamples;
        int count = (int) Math.min(segments.size(), Math.max(1, (wanted + framesPerSegment - 1) / Math.max(1, framesPerSegment)));
        List<Segment> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(segments.get((int) ((long) i * segments.size() / count)));
        }
        return out;
    }

    private static List<MmdEstimate> mmd(CompressionModel codec, List<Segment> segments, EvaluationSettings settings,
            EvaluationListener listener) {
        int length = segments.stream().mapToInt(s -> s.samples().length).min().orElseThrow();
        CodecBlock block = codec.block();
        List<MmdEstimate> out = new ArrayList<>();
        try (NDScope arrays = new NDScope(); NDManager scope = codec.manager().newSubManager()) {
            arrays.suppressNotUsedWarning();
            ParameterStore ps = new ParameterStore(scope, false);
            List<NDList> batches = new ArrayList<>();
            for (int from = 0; from < segments.size(); from += BATCH) {
                int to = Math.min(segments.size(), from + BATCH);
                float[] flat = new float[(to - from) * length];
                for (int i = from; i < to; i++) {
                    System.arraycopy(segments.get(i).samples(), 0, flat, (i - from) * length, length);
                }
                NDArray audio = scope.create(flat, new Shape(to - from, 1, length));
                NDArray latent = block.encoder().forward(ps, new NDList(audio), false).singletonOrThrow();
                batches.add(block.quantizer().streams(ps, latent, settings.streamKind()));
            }
            int k = batches.get(0).size();
            NDList streams = new NDList(k);
            for (int q = 0; q < k; q++) {
                NDList parts = new NDList();
                for (NDList b : batches) {
                    parts.add(b.get(q));
                }
                streams.add(parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0));
            }
            Shape shape = streams.get(0).getShape();
            long frames = shape.get(0) * shape.get(2);
            int total = 2 * settings.mmdPermutations();
            int done = 0;
            for (studio.codebook.training.loss.Alignment alignment : studio.codebook.training.loss.Alignment.values()) {
                IndependenceLoss loss = new IndependenceLoss(new IndependenceConfig(0, settings.streamKind(), alignment,
                        settings.sigmas(), 1, settings.mmdMaxSamples()));
                long croppedFrames = alignment == studio.codebook.training.loss.Alignment.DELAY
                        ? shape.get(0) * (shape.get(2) - k) : frames;
                if (croppedFrames < 2) {
                    continue;
                }
                Random random = new Random(settings.seed() * 31 + alignment.ordinal());
                double[] values = new double[settings.mmdPermutations()];
                double[] nulls = new double[settings.mmdPermutations()];
                for (int p = 0; p < values.length; p++) {
                    try (NDScope draw = new NDScope()) {
                        draw.suppressNotUsedWarning();
                        values[p] = loss.computeUnclamped(streams, random).getFloat();
                        nulls[p] = loss.computeUnclamped(shuffled(streams, random), random).getFloat();
                    }
                    listener.progress("mmd", ++done, total);
                }
                double clamped = Arrays.stream(values).map(v -> Math.max(0, v)).average().orElse(0);
                int used = settings.mmdMaxSamples() > 0 ? (int) Math.min(settings.mmdMaxSamples(), croppedFrames)
                        : (int) croppedFrames;
                out.add(new MmdEstimate(alignment, settings.streamKind(), used, (int) croppedFrames,
                        Arrays.stream(values).boxed().toList(), mean(values), std(values), clamped, mean(nulls)));
            }
        }
        return out;
    }

    /** Each stream's frames (over batch and time) permuted independently: no dependence left, same marginals. */
    private static NDList shuffled(NDList streams, Random random) {
        NDList out = new NDList(streams.size());
        for (NDArray s : streams) {
            Shape shape = s.getShape();
            long b = shape.get(0);
            long d = shape.get(1);
            long t = shape.get(2);
            int n = Math.toIntExact(b * t);
            long[] index = new long[n];
            for (int i = 0; i < n; i++) {
                index[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long tmp = index[i];
                index[i] = index[j];
                index[j] = tmp;
            }
            NDArray rows = s.transpose(0, 2, 1).reshape(n, d);
            NDArray picked = rows.get(new NDIndex("{}", s.getManager().create(index)));
            out.add(picked.reshape(b, t, d).transpose(0, 2, 1));
        }
        return out;
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
