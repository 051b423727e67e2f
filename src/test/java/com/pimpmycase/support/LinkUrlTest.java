package com.pimpmycase.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One reading of a pasted link: the path percent-decoded, the query form-decoded as the endpoint reads it. */
class LinkUrlTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://h/image/a+b.png?token=t           | a+b.png | t
            https://h/image/a%2Bb.png?token=t         | a+b.png | t
            https://h/image/a%20b.png?token=t         | a b.png | t
            https://h/image/a.png?token=1:a+b:c       | a.png   | 1:a b:c
            https://h/image/a.png?token=1:a%2Bb:c     | a.png   | 1:a+b:c
            https://h/image/a.png?to%6Ben=1%3Aa%3Ab   | a.png   | 1:a:b
            """)
    void pathIsPercentDecodedAndQueryFormDecoded(String url, String filename, String token) throws Exception {
        LinkUrl link = LinkUrl.read(url, "");
        assertEquals(filename, link.filename());
        assertEquals(List.of(token), link.tokens());
    }

    @Test
    void findTakesTheLastEndpointOfThePath() throws Exception {
        LinkUrl link = LinkUrl.find("https://h/shop/image/x/preview/a.png?token=t&token=");
        assertEquals(true, link.preview());
        assertEquals("a.png", link.filename());
        assertEquals(List.of("t", ""), link.tokens());
        assertEquals(null, link.onlyToken());
        assertEquals("h", link.host());
    }

    @Test
    void refusesWhatIsNoLink() {
        assertThrows(LinkUrl.NotALinkException.class, () -> LinkUrl.read("https://h/other/a.png?token=t", ""));
        assertThrows(LinkUrl.NotALinkException.class, () -> LinkUrl.read("https://h/image/a.png?token=%zz", ""));
        assertThrows(LinkUrl.NotALinkException.class, () -> LinkUrl.find("ftp://h/image/a.png?token=t"));
        assertThrows(LinkUrl.NotALinkException.class, () -> LinkUrl.find("https://h/orders/a.png?token=t"));
    }
}
