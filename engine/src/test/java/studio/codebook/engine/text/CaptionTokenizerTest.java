package studio.codebook.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionTokenizerTest {

    static final List<String> ANY_TEXT = List.of(
            " ",
            "warm lo-fi piano over brushed drums, 80 BPM",
            "🎹🥁🔥",
            "温暖的钢琴",
            "موسيقى هادئة مع بيانو",
            "Ελληνικά, русский, हिन्दी, 日本語のピアノ and English 🎸 mixed",
            "tab\there\nnew line\r\u0000nul \u0007bell \u001b[0m escape",
            "zorblaxian glimmerfunk quuxcore",
            "<pad> <eos> are just words here",
            "  leading and trailing spaces  ",
            "don't can't we'll they're I'd",
            "\uFEFFzero\u200Bwidth\u00A0nbsp",
            "e\u0301 combining accent, ﬁ ligature, Ⅻ numeral, ½");

    @TempDir
    static Path dir;
    static Path file;
    static CaptionTokenizer tokenizer;
    static double trainSeconds;

    @BeforeAll
    static void train() throws IOException {
        file = dir.resolve("tokenizer.json");
        List<String> captions = Captions.generate(2000, 1L);
        long t0 = System.nanoTime();
        CaptionTokenizer.train(captions, 1000, file);
        trainSeconds = (System.nanoTime() - t0) / 1e9;
        tokenizer = CaptionTokenizer.load(file, 32);
        System.out.printf("tokenizer: trained on %d captions, vocab %d (asked 1000) in %.3f s%n",
                captions.size(), tokenizer.vocabSize(), trainSeconds);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void anyTextEncodesAndDecodesBack() {
        for (String text : ANY_TEXT) {
            TokenizedText t = tokenizer.encode(text);
            assertTrue(t.length() > 0, text);
            for (int id : t.ids()) {
                assertTrue(id >= 2 && id < tokenizer.vocabSize(), "id " + id + " for " + text);
            }
            if (!t.truncated()) {
                assertEquals(text, tokenizer.decode(t.ids()), "round trip");
                assertEquals("", t.warning());
            }
        }
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        for (String text : List.of("broken \uD83C pair", "\uDC00", "end \uD83D")) {
            TokenizedText t = tokenizer.encode(text);
            assertTrue(t.length() > 0);
            assertEquals(text.replaceAll("[\\uD800-\\uDFFF]", "\uFFFD"), tokenizer.decode(t.ids()));
        }
    }

    @Test
    void emptyTextHasNoTokens() {
        TokenizedText t = tokenizer.encode("");
        assertEquals(0, t.length());
        assertFalse(t.truncated());
        assertEquals(0, tokenizer.encode(null).length());
    }

    @Test
    void longTextIsTruncatedWithAWarning() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(2);
        while (sb.length() < 10_000) {
            sb.append((char) ('a' + random.nextInt(26)));
            if (random.nextInt(6) == 0) {
                sb.append(' ');
            }
        }
        String text = sb.substring(0, 10_000);
        TokenizedText t = tokenizer.encode(text);
        assertEquals(32, t.length());
        assertTrue(t.truncated());
        assertTrue(t.warning().contains("first 32 tokens"), t.warning());
        assertTrue(text.startsWith(tokenizer.decode(t.ids())), "the kept tokens are the start of the text");
    }

    @Test
    void trainedMergesShortenCaptionsButUnseenWordsStillWork() {
        int seen = tokenizer.encode("warm lo-fi piano over brushed drums, 80 BPM").length();
        assertTrue(seen < 15, "common caption words are single tokens: " + seen);
        String unseen = "zorblaxian";
        TokenizedText t = tokenizer.encode(unseen);
        assertEquals(unseen, tokenizer.decode(t.ids()));
        assertTrue(tokenizer.vocabSize() > 258 && tokenizer.vocabSize() <= 1000, "vocab " + tokenizer.vocabSize());
    }

    @Test
    void trainingIsDeterministic(@TempDir Path other) throws IOException {
        Path again = other.resolve("tokenizer.json");
        CaptionTokenizer.train(Captions.generate(2000, 1L), 1000, again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
        Path different = other.resolve("different.json");
        CaptionTokenizer.train(Captions.generate(2000, 2L), 1000, different);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(different)));
    }

    @Test
    void huggingFaceIdsEqualOurJavaEncoder() throws IOException {
        ByteLevelBpe java = ByteLevelBpe.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        try (CaptionTokenizer unlimited = CaptionTokenizer.load(file, 100_000)) {
            List<String> texts = new ArrayList<>(ANY_TEXT);
            texts.addAll(Captions.generate(300, 99L));
            for (String text : texts) {
                int[] hf = unlimited.encode(text).ids();
                assertArrayEquals(java.encode(text), hf, text);
                assertEquals(text, java.decode(hf));
            }
        }
    }

    @Test
    void badFilesAndSizesAreRejectedWithTheFileName(@TempDir Path other) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> CaptionTokenizer.train(List.of("a"), 100, other.resolve("t.json")));
        Path missing = other.resolve("missing.json");
        IOException e = assertThrows(IOException.class, () -> CaptionTokenizer.load(missing, 8));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
        Path garbage = other.resolve("garbage.json");
        Files.writeString(garbage, "{\"model\": {\"type\": \"WordPiece\"}}");
        e = assertThrows(IOException.class, () -> CaptionTokenizer.load(garbage, 8));
        assertTrue(e.getMessage().contains("garbage.json"), e.getMessage());
        Files.writeString(garbage, "not json");
        assertThrows(IOException.class, () -> CaptionTokenizer.load(garbage, 8));
    }

    @Test
    void richCorpusFillsALargeVocabulary(@TempDir Path other) throws IOException {
        // captions plus made-up words and multilingual text, so that 4000 tokens have pairs to merge
        List<String> texts = new ArrayList<>(Captions.generate(2000, 5L));
        Random random = new Random(6);
        String[] scripts = {"abcdefghijklmnopqrstuvwxyz", "абвгдежзиклмнопрстуф", "αβγδεζηθικλμνξοπρστ", "的一是不了人我在有他这中大来上"};
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder(texts.get(i));
            for (int w = 0; w < 4; w++) {
                String alphabet = scripts[random.nextInt(scripts.length)];
                sb.append(' ');
                for (int c = 0, n = 3 + random.nextInt(6); c < n; c++) {
                    sb.append(alphabet.charAt(random.nextInt(Math.min(alphabet.length(), 8 + i % 12))));
                }
            }
            texts.set(i, sb.toString());
        }
        Path big = other.resolve("tokenizer.json");
        long t0 = System.nanoTime();
        CaptionTokenizer.train(texts, 4000, big);
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (CaptionTokenizer t = CaptionTokenizer.load(big, 64)) {
            System.out.printf("tokenizer: trained on %d mixed-script captions, vocab %d in %.3f s%n", texts.size(), t.vocabSize(), seconds);
            assertEquals(4000, t.vocabSize());
            ByteLevelBpe java = ByteLevelBpe.fromJson(Files.readString(big, StandardCharsets.UTF_8));
            try (CaptionTokenizer unlimited = CaptionTokenizer.load(big, 100_000)) {
                for (String text : texts.subList(0, 200)) {
                    assertArrayEquals(java.encode(text), unlimited.encode(text).ids(), text);
                    assertEquals(text, unlimited.decode(unlimited.encode(text).ids()));
                }
            }
        }
    }

    @Test
    void tinyCorpusStillGivesAWorkingTokenizer(@TempDir Path other) throws IOException {
        Path small = other.resolve("tokenizer.json");
        CaptionTokenizer.train(List.of(), 500, small);
        try (CaptionTokenizer t = CaptionTokenizer.load(small, 64)) {
            assertEquals(258, t.vocabSize());
            assertEquals("🎹 piano", t.decode(t.encode("🎹 piano").ids()));
            assertNotEquals(0, t.encode("x").length());
        }
    }
}
