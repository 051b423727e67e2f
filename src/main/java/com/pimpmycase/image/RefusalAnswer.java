package com.pimpmycase.image;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** How an entry point answers (and logs) a refused request: JSON for images, a page for previews. */
@FunctionalInterface
public interface RefusalAnswer {

    void answer(HttpServletRequest request, HttpServletResponse response, ImageAccess.Denied denied)
            throws IOException;
}
