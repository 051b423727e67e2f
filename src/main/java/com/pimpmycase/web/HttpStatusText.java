package com.pimpmycase.web;

/**
 * The {@code detail} text of every error answer that has no text of its own (the container's
 * errors, Jersey's refusals, the image endpoint's 405/412/416): one table, so the same status
 * reads the same wherever it comes from. 401 and 403 use the contract's words (SPEC §4).
 */
public final class HttpStatusText {

    private HttpStatusText() {
    }

    public static String of(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Not authenticated";
            case 403 -> "Not permitted";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Request body too large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Request refused";
        };
    }
}
