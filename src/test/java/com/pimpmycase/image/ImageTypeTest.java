package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTest {

    private static ImageType detect(byte[] head) {
        return ImageType.detect(head, head.length);
    }

    @Test
    void signatures() {
        assertEquals(ImageType.PNG, detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0}));
        assertEquals(ImageType.JPEG, detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}));
        assertEquals(ImageType.WEBP, detect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ImageType.OTHER, detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ImageType.OTHER, detect("GIF89a".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ImageType.OTHER, detect(new byte[] {(byte) 0x89, 'P', 'N'}));
        assertEquals(ImageType.OTHER, detect(new byte[0]));
    }
}
