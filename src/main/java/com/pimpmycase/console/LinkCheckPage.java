package com.pimpmycase.console;

/**
 * The view model of the link check (SPEC §12; src/main/jte/console/linkCheck.jte): the form with
 * the pasted link kept, and the link's §11 explanation as a checklist with the advice, or why the
 * check could not run.
 *
 * @param explanation what the check found, {@code null} when it did not run
 * @param problem why it could not run, or {@code null}
 */
public record LinkCheckPage(PageShell.Frame frame, String csrf, String url,
        ConsoleServices.Explanation explanation, String problem) {

    /** The console page of an order the explanation names. */
    public String orderHref(String thirdId) {
        return frame.context() + "/console/orders/" + ConsoleText.segment(thirdId);
    }
}
