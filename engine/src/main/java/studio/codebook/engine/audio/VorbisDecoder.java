package studio.codebook.engine.audio;

import static studio.codebook.engine.audio.AudioFormatException.Kind.CORRUPT;
import static studio.codebook.engine.audio.AudioFormatException.Kind.TRUNCATED;
import static studio.codebook.engine.audio.AudioFormatException.Kind.UNSUPPORTED;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.nio.file.Path;

/**
 * Ogg Vorbis through jorbis (jogg pages and packets, jorbis synthesis) directly, without the javax.sound
 * provider. The last page's granule position is the exact length of the stream, so the decoded output is
 * cut to it (the encoder's last block is longer than the audio). Only the first logical stream is
 * decoded; pages of other streams are ignored. Channels are reordered from Vorbis order to WAV order.
 * Ogg pages carry checksums: a page that fails one means the file is damaged; a stream that stops
 * without its end-of-stream page means it was cut short.
 */
final class VorbisDecoder implements AudioDecoder {

    /** Vorbis channel order to WAV order (index: WAV channel, value: Vorbis channel), by channel count. */
    private static final int[][] TO_WAV_ORDER = {
        null, null, null,
        {0, 2, 1},
        null,
        {0, 2, 1, 3, 4},
        {0, 2, 1, 5, 3, 4},
        {0, 2, 1, 6, 5, 3, 4},
        {0, 2, 1, 7, 5, 6, 3, 4},
    };

    @Override
    public AudioClip decode(Path file, byte[] b, int offset) throws AudioFormatException {
        try {
            return decodeStream(file, b, offset);
        } catch (AudioFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AudioFormatException(file, CORRUPT, "the Ogg Vorbis data is damaged (" + e + ")", e);
        }
    }

    private AudioClip decodeStream(Path file, byte[] b, int offset) throws AudioFormatException {
        SyncState sync = new SyncState();
        sync.init();
        int len = b.length - offset;
        int at = sync.buffer(len);
        System.arraycopy(b, offset, sync.data, at, len);
        sync.wrote(len);

        Page page = new Page();
        Packet packet = new Packet();
        StreamState stream = null;
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();
        DspState dsp = new DspState();
        Block block = null;
        int headers = 0;
        int serial = 0;
        boolean damaged = false;
        boolean ended = false;
        long granule = -1;
        PcmBuffer pcm = null;
        float[][][] pcmOut = new float[1][][];
        int[] index = null;

        // Every page consumes bytes of a finite buffer, so this loop ends.
        while (!ended) {
            int result = sync.pageout(page);
            if (result == 0) {
                break; // no complete page left
            }
            if (result < 0) {
                damaged = true; // bytes skipped: a lost or damaged page
                continue;
            }
            if (stream == null) {
                serial = page.serialno();
                stream = new StreamState();
                stream.init(serial);
            } else if (page.serialno() != serial) {
                continue; // another logical stream (a multiplexed or chained file): not ours
            }
            stream.pagein(page);
            if (page.granulepos() >= 0 && headers == 3) {
                granule = page.granulepos();
            }
            ended = page.eos() != 0;
            while (true) {
                int got = stream.packetout(packet);
                if (got == 0) {
                    break;
                }
                if (got < 0) {
                    damaged = true;
                    continue;
                }
                if (headers < 3) {
                    if (info.synthesis_headerin(comment, packet) < 0) {
                        throw new AudioFormatException(file, headers == 0 ? UNSUPPORTED : CORRUPT, headers == 0
                                ? "its Ogg stream is not Vorbis audio (Opus and FLAC in Ogg are not supported)"
                                : "its Vorbis headers are damaged");
                    }
                    if (++headers == 3) {
                        if (info.channels < 1 || info.channels > 255 || info.rate <= 0) {
                            throw new AudioFormatException(file, CORRUPT, "its Vorbis header says " + info.channels
                                    + " channels at " + info.rate + " Hz");
                        }
                        dsp.synthesis_init(info);
                        block = new Block(dsp);
                        pcm = new PcmBuffer(info.channels, 1 << 14);
                        index = new int[info.channels];
                    }
                    continue;
                }
                if (block.synthesis(packet) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int n;
                while ((n = dsp.synthesis_pcmout(pcmOut, index)) > 0) {
                    if (!pcm.ensureRoom(n)) {
                        throw new AudioFormatException(file, UNSUPPORTED, "it is too long to load at once; split it into shorter files");
                    }
                    for (int c = 0; c < info.channels; c++) {
                        System.arraycopy(pcmOut[0][c], index[c], pcm.channel(c), pcm.frames(), n);
                    }
                    pcm.advance(n);
                    dsp.synthesis_read(n);
                }
            }
        }
        if (headers < 3) {
            throw new AudioFormatException(file, damaged ? CORRUPT : TRUNCATED, damaged
                    ? "its Vorbis headers are damaged" : "the file ends inside its Vorbis headers");
        }
        if (damaged) {
            throw new AudioFormatException(file, CORRUPT, "the Ogg Vorbis data is damaged (pages fail their checksum)");
        }
        if (!ended) {
            throw new AudioFormatException(file, TRUNCATED, String.format(
                    "the file is cut short after %.2f s (no end-of-stream page); it was probably interrupted while copying",
                    (double) pcm.frames() / info.rate));
        }
        int frames = granule >= 0 ? (int) Math.min(granule, pcm.frames()) : pcm.frames();
        int[] order = info.channels < TO_WAV_ORDER.length ? TO_WAV_ORDER[info.channels] : null;
        return pcm.toClip(info.rate, 0, frames, order);
    }
}
