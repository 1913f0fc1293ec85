import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the application icon and writes it in the three formats jpackage wants: PNG (Linux), ICO
 * (Windows) and ICNS (macOS). The picture is the idea of the app: four codebook streams of tokens in the
 * delay layout (stream k starts k frames later), over the studio's dark background.
 *
 * <p>Run from the repository root: {@code java installers/icons/MakeIcons.java installers/icons}. The
 * output is committed; run it again only to change the icon.
 */
public final class MakeIcons {

    private static final Color BACKGROUND = new Color(0x1c1d26);
    private static final Color BORDER = new Color(0x8b7cf6);
    private static final Color[] STREAMS = {
        new Color(0x8b7cf6), new Color(0x4fd1c5), new Color(0xf3b562), new Color(0xef6f6c)
    };

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        ImageIO.write(draw(256), "png", out.resolve("codebook-studio.png").toFile());
        Files.write(out.resolve("codebook-studio.ico"), ico(png(draw(256))));
        Files.write(out.resolve("codebook-studio.icns"), icns(png(draw(128)), png(draw(256)), png(draw(512))));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double s = size / 256.0;
        RoundRectangle2D tile = new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s);
        g.setColor(BACKGROUND);
        g.fill(tile);
        g.setStroke(new BasicStroke((float) (6 * s)));
        g.setColor(BORDER);
        g.draw(tile);
        int frames = 5;
        double cell = 22 * s;
        double gap = 5 * s;
        double left = 128 * s - (frames + 3) * (cell + gap) / 2 + gap / 2;
        double top = 128 * s - 4 * (cell + gap) / 2 + gap / 2;
        for (int k = 0; k < 4; k++) {
            for (int t = 0; t < frames; t++) {
                // token brightness varies like a real stream, the same for every size
                float shade = 0.55f + 0.45f * (float) Math.abs(Math.sin(1.7 * t + 2.3 * k));
                Color c = STREAMS[k];
                g.setColor(new Color(Math.round(c.getRed() * shade), Math.round(c.getGreen() * shade),
                        Math.round(c.getBlue() * shade)));
                double x = left + (t + k) * (cell + gap);
                double y = top + k * (cell + gap);
                g.fill(new RoundRectangle2D.Double(x, y, cell, cell, 6 * s, 6 * s));
            }
        }
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An ICO with one 256 × 256 PNG entry (Windows Vista and later read PNG entries). */
    static byte[] ico(byte[] png) {
        ByteBuffer b = ByteBuffer.allocate(6 + 16 + png.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // 0 means 256 wide and high
        b.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(6 + 16);
        b.put(png);
        return b.array();
    }

    /** An ICNS with PNG entries: ic07 (128), ic08 (256), ic09 (512). */
    static byte[] icns(byte[] png128, byte[] png256, byte[] png512) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        String[] types = {"ic07", "ic08", "ic09"};
        byte[][] pngs = {png128, png256, png512};
        for (int i = 0; i < types.length; i++) {
            d.writeBytes(types[i]);
            d.writeInt(8 + pngs[i].length);
            d.write(pngs[i]);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(all);
        a.writeBytes("icns");
        a.writeInt(8 + body.size());
        a.write(body.toByteArray());
        return all.toByteArray();
    }
}
