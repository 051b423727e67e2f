package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pimpmycase.support.LinkUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The revoke form's pasted link: read by support's {@link LinkUrl}, one file and exactly one token. */
class PastedRevokeLinkTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            https://pmc.example/image/a.png?token=1:end_user:ab           | a.png   | 1:end_user:ab
            http://127.0.0.1:8080/preview/a.png?token=1:end_user:ab       | a.png   | 1:end_user:ab
            '  https://pmc.example/cases/image/a.png?token=1%3Aend_user%3Aab  ' | a.png | 1:end_user:ab
            https://pmc.example/image/a.png?x=1&token=9:admin:ff&y=2      | a.png   | 9:admin:ff
            https://pmc.example/image/a+b.png?token=1:a:b                 | a+b.png | 1:a:b
            https://pmc.example/image/a%20b.png?token=1:a:b               | a b.png | 1:a:b
            https://pmc.example/image/a.png?token=1:a+b:c                 | a.png   | 1:a b:c
            https://pmc.example/image/a.png                               | null    | null
            https://pmc.example/image/a.png?token=                        | null    | null
            https://pmc.example/image/a.png?token=1:a:b&token=2:a:b       | null    | null
            https://pmc.example/image/a.png?token=1%zz                     | null    | null
            https://pmc.example/orders/a.png?token=1:a:b                  | null    | null
            https://pmc.example/image/?token=1:a:b                        | null    | null
            https://pmc.example/image/dir/a.png?token=1:a:b               | null    | null
            /image/a.png?token=1:a:b                                      | null    | null
            not a link at all                                             | null    | null
            ''                                                            | null    | null
            """)
    void readsFileAndToken(String text, String filename, String token) {
        LinkUrl link = ConsoleServlet.pasted(text);
        assertEquals(filename, link == null ? null : link.filename(), "filename");
        assertEquals(token, link == null ? null : link.onlyToken(), "token");
    }
}
