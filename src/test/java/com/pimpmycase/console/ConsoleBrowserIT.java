package com.pimpmycase.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.ConsoleUsers;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver; no Selenium Manager): sign in, every page at a laptop's and a phone's size, no
 * JavaScript console error, no sideways scrolling on the phone, the copy button really copies.
 * One browser session for all of it; screenshots land in target/console-screenshots/.
 */
class ConsoleBrowserIT {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final String DESIGN = "order-BROWSER1-final-1764313200-0a1b2c3d.png";
    static final String THIRD_ID = "ORBROWSER0000001";
    static final List<Dimension> SIZES = List.of(new Dimension(1280, 900), new Dimension(390, 844));

    @TempDir
    static Path data;
    static ServiceUnderTest war;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        if (!new File(CHROMEDRIVER).canExecute() || !new File(CHROMIUM).canExecute()) {
            String missing = "no " + CHROMIUM + " or " + CHROMEDRIVER + ": `apt-get install chromium chromium-driver`";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + " (.ci/run installs them)");
            }
            Assumptions.abort(missing); // a developer machine without them skips the browser test
        }
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = DeployedWar.start(entries);
        war.storeImage(DESIGN, TestImages.png(900, 1600));
        ApiCaller api = new ApiCaller(war);
        assertEquals(201, api.postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", ConsoleIT.order(THIRD_ID, DESIGN))
                .statusCode());
        war.get("/image/" + DESIGN); // a refusal for the dashboard

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (war != null) {
            war.close();
        }
    }

    @Test
    void everyPageWorksOnALaptopAndAPhone() throws Exception {
        browser.get(war.base() + "/console/");
        assertEquals("Sign in · PimpMyCase console", browser.getTitle());
        look("sign-in");
        browser.findElement(By.id("j_username")).sendKeys(ConsoleUsers.OPERATOR);
        browser.findElement(By.id("j_password")).sendKeys(ConsoleUsers.OPERATOR_PASSWORD);
        clickAndWait(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertFalse(mainText().contains("Wrong name or password"), "the realm refused the test operator");
        assertEquals("Orders · PimpMyCase console", browser.getTitle());
        assertTrue(mainText().contains(THIRD_ID));
        look("orders");

        clickAndWait(browser.findElement(By.linkText(THIRD_ID)));
        assertEquals("Order " + THIRD_ID + " · PimpMyCase console", browser.getTitle());
        assertTrue((Boolean) js("const i = document.querySelector('img.design'); return i.complete && i.naturalWidth > 0;"),
                "the design loads through its admin link");
        look("order");

        clickAndWait(browser.findElement(By.xpath("//button[text()='New manufacturer link']")));
        WebElement minted = browser.findElement(By.id("minted"));
        String link = minted.getAttribute("value");
        assertTrue(link.contains("?token=") && link.contains(":chinese_manufacturing:"), link);
        WebElement copy = browser.findElement(By.cssSelector("button.copy"));
        assertTrue(copy.isDisplayed(), "the script shows the copy button");
        copy.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "Copied".equals(copy.getText()));
        WebElement paste = browser.findElement(By.id("revoke-link"));
        paste.click();
        paste.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> link.equals(paste.getAttribute("value")));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(link, paste.getAttribute("value"), "what the copy button put on the clipboard");
        }
        look("order-link");

        clickAndWait(browser.findElement(By.linkText("Link check")));
        browser.findElement(By.id("url")).sendKeys(link);
        clickAndWait(browser.findElement(By.xpath("//button[text()='Check the link']")));
        assertTrue(mainText().contains("Link check"));
        look("link-check");

        clickAndWait(browser.findElement(By.linkText("Dashboard")));
        assertEquals("Dashboard · PimpMyCase console", browser.getTitle());
        assertTrue(browser.findElements(By.cssSelector("figure.chart svg")).size() >= 2, "charts");
        look("dashboard");

        clickAndWait(browser.findElement(By.xpath("//button[text()='Sign out']")));
        assertTrue(mainText().contains("You are signed out"));
        look("signed-out");
    }

    /** The current page at each size: screenshot, no sideways scrolling on the phone, no console error. */
    void look(String name) throws Exception {
        for (Dimension size : SIZES) {
            browser.manage().window().setSize(size);
            long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
            if (size.getWidth() < 500) {
                assertTrue(overflow <= 0, name + " scrolls sideways on a phone by " + overflow + " px");
            }
            File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + size.getWidth() + "x" + size.getHeight() + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        browser.manage().window().setSize(SIZES.get(0));
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, name + ": console errors");
    }

    /**
     * Clicks a link or a form's button and waits until the next page has loaded. A click can return
     * before a form's navigation has begun (more so on a busy machine), so reading the title at once
     * may still read the old page. The old page's window gets a mark before the click; the wait is
     * over when a script finds a window without it (a new document: every navigation makes a new
     * window object) whose document has loaded. Nothing refers to a node of the old page, so the
     * wait cannot race with its removal; a script that runs while the page is being replaced fails,
     * and is asked again.
     */
    static void clickAndWait(WebElement element) {
        js("window.pimpmycaseOldPage = true;");
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(js(
                        "return window.pimpmycaseOldPage !== true && document.readyState === 'complete';")));
    }

    static String mainText() {
        return browser.findElement(By.tagName("main")).getText();
    }

    static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
