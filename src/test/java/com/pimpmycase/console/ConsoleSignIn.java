package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/** The console's HtmlUnit browser and its FORM sign-in, shared by the console tests. */
public final class ConsoleSignIn {

    private ConsoleSignIn() {
    }

    /**
     * A browser that reports error statuses as pages (the tests assert them), without printing
     * each such page to the build's output, and skips CSS.
     */
    public static WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setPrintContentOnFailingStatusCode(false);
        browser.getOptions().setCssEnabled(false);
        return browser;
    }

    /** Opens the console at {@code base}, which shows the WAR's sign-in page, and submits it. */
    public static HtmlPage signIn(WebClient browser, String base, String user, String password, String where)
            throws Exception {
        HtmlPage login = browser.getPage(base + "/console/");
        assertEquals("Sign in · PimpMyCase console", login.getTitleText(), where + ": the WAR's sign-in page");
        HtmlForm form = login.getForms().get(0);
        form.getInputByName("j_username").type(user);
        form.getInputByName("j_password").type(password);
        return ((DomElement) form.getFirstByXPath(".//button[@type='submit']")).click();
    }
}
