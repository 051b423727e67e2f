package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pimpmycase.config.AnswerMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §9's table of answers, with the default message lists and the production API's real messages. */
class ManufacturerAnswerTest {

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | {"msg":"操作成功","code":200,"data":{"id":"MSPY1"}}                     | SUCCESS
            200 | {"msg":"Data signature failed","code":500}                              | CONFIG
            200 | {"msg":"The merchant account does not exist","code":500}                | CONFIG
            200 | {"msg":"DATA SIGNATURE FAILED","code":500}                              | CONFIG
            200 | {"msg":"No permission to access the current device","code":500}        | REJECTED
            200 | {"msg":"The device does not exist","code":500}                          | REJECTED
            200 | {"msg":"invalid parameter: pic","code":500}                             | REJECTED
            200 | {"msg":"The device is offline.","code":500}                             | TRANSIENT
            200 | {"msg":"Payment information does not exist","code":500}                 | TRANSIENT
            200 | {"msg":"The token has expired, please log in again","code":500}         | AUTH
            200 | {"msg":"not logged in","code":500}                                      | AUTH
            200 | {"code":500}                                                            | TRANSIENT
            200 | {"msg":"busy","code":503}                                               | TRANSIENT
            200 | {"msg":"unauthorized","code":401}                                       | AUTH
            200 | {"msg":"forbidden","code":403}                                          | AUTH
            200 | {"msg":"bad","code":400}                                                | REJECTED
            200 | {"msg":"missing","code":404}                                            | REJECTED
            200 | <html>502</html>                                                        | TRANSIENT
            200 | {"msg":"no code"}                                                       | TRANSIENT
            401 | {}                                                                      | AUTH
            403 | {}                                                                      | AUTH
            400 | {"msg":"bad"}                                                           | REJECTED
            404 | {}                                                                      | REJECTED
            422 | {}                                                                      | REJECTED
            429 | {}                                                                      | TRANSIENT
            502 | {}                                                                      | TRANSIENT
            """)
    void classifiedAsTheTableSays(int status, String body, ManufacturerAnswer.Kind expected) {
        ManufacturerAnswer answer = ManufacturerAnswer.classify(status, body.getBytes(StandardCharsets.UTF_8),
                AnswerMessages.defaults());
        assertEquals(expected, answer.kind());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            config listed first wins over relogin   | token failed       | token failed |                | CONFIG
            relogin before reject                   | device token       | xyz          | device         | AUTH
            an empty list matches nothing           | Data signature failed | ''        | ''             | TRANSIENT
            reject configured                       | Payment information does not exist | '' | payment information | REJECTED
            """)
    void theListsAreMatchedConfigThenReloginThenReject(String name, String msg, String config, String reject,
            ManufacturerAnswer.Kind expected) {
        AnswerMessages lists = new AnswerMessages(AnswerMessages.parse("token"), AnswerMessages.parse(reject),
                AnswerMessages.parse(config));
        if (name.startsWith("relogin")) {
            lists = new AnswerMessages(AnswerMessages.parse("token"), AnswerMessages.parse("device"), List.of());
        }
        String body = "{\"code\":500,\"msg\":\"" + msg + "\"}";
        assertEquals(expected, ManufacturerAnswer.classify(200, body.getBytes(StandardCharsets.UTF_8), lists).kind());
    }
}
