package studio.codebook.training.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Captions vary, always name the genre or the lead, and never say anything the clip is not. */
class CaptionWriterTest {

    private static final Pattern BPM = Pattern.compile("(\\d+) (?:BPM|bpm|beats per minute)|tempo (?:of )?(\\d+)");
    private static final Pattern KEY = Pattern.compile("\\b([A-G][b#]?) (major|minor)\\b");

    @Test
    void captionsVaryAndStayTrue() {
        Set<String> shapes = new HashSet<>();
        Set<String> templates = new HashSet<>();
        Set<String> texts = new HashSet<>();
        int omittedSomething = 0;
        for (int i = 0; i < 300; i++) {
            ClipSpec clip = ClipSpec.of(17, i, false);
            Attributes a = clip.attributes();
            SynthCaption c = clip.caption();
            String text = c.text();
            String lower = text.toLowerCase(Locale.ROOT);
            if (i < 100) {
                shapes.add(c.template().split("/")[0]);
                templates.add(c.template());
                texts.add(text);
            }
            assertTrue(c.mentioned().contains(CaptionWriter.GENRE) || c.mentioned().contains(CaptionWriter.LEAD), text);
            if (c.mentioned().contains(CaptionWriter.GENRE)) {
                assertTrue(a.genre().phrases().stream().anyMatch(p -> lower.contains(p.toLowerCase(Locale.ROOT))),
                        text + " names " + a.genre());
            }
            if (c.mentioned().contains(CaptionWriter.LEAD)) {
                assertTrue(a.lead().phrases().stream().anyMatch(p -> lower.contains(p.toLowerCase(Locale.ROOT))),
                        text + " names " + a.lead());
            }
            Matcher bpm = BPM.matcher(text);
            if (c.mentioned().contains(CaptionWriter.BPM)) {
                assertTrue(bpm.find(), text);
                assertEquals(a.bpm(), Integer.parseInt(bpm.group(1) != null ? bpm.group(1) : bpm.group(2)), text);
            } else {
                assertFalse(bpm.find(), "tempo left out: " + text);
            }
            Matcher key = KEY.matcher(text);
            if (c.mentioned().contains(CaptionWriter.KEY)) {
                assertTrue(key.find(), text);
                assertEquals(a.key(), key.group(1) + " " + key.group(2), text);
            } else {
                assertFalse(key.find(), "key left out: " + text);
            }
            for (Genre g : Genre.values()) {
                if (g != a.genre() && !(a.genre() == Genre.LO_FI && g == Genre.HIP_HOP)) {
                    assertFalse(lower.contains(g.label()), text + " mentions " + g + " but is " + a.genre());
                }
            }
            for (Lead l : Lead.values()) {
                if (l != a.lead()) {
                    assertFalse(lower.matches(".*\\b" + Pattern.quote(l.phrases().get(0).toLowerCase(Locale.ROOT))
                            + "\\b.*") && !a.lead().phrases().stream().anyMatch(p -> lower.contains(p.toLowerCase(
                                    Locale.ROOT)) && p.toLowerCase(Locale.ROOT).contains(l.phrases().get(0))),
                            text + " names " + l + " but the lead is " + a.lead());
                }
            }
            if (c.mentioned().size() < 6) {
                omittedSomething++;
            }
            assertFalse(lower.contains("a a") || lower.contains(" a upbeat") || lower.contains(" a electric"), text);
        }
        assertTrue(shapes.size() >= 10, "sentence shapes in 100 captions: " + shapes);
        assertTrue(templates.size() >= 25, "templates (shape × tail) in 100 captions: " + templates.size());
        assertTrue(texts.size() >= 99, "distinct captions: " + texts.size());
        assertTrue(omittedSomething > 250, "most captions leave something out");
    }

    @Test
    void exampleCaptionsReadNaturally() {
        for (int i = 0; i < 12; i++) {
            System.out.println(ClipSpec.of(2, i, false).caption().text());
        }
    }
}
