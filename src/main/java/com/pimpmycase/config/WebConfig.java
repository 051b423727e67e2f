package com.pimpmycase.config;

/**
 * How the service presents itself: {@code publicBaseUrl} and {@code developmentMode}.
 *
 * @param publicBaseUrl base of the URLs handed out, without trailing slash; {@code null} means
 *     "from each request" (then nothing may build links outside a request)
 * @param developmentMode set only by the development server: sample links on the landing page
 */
public record WebConfig(String publicBaseUrl, boolean developmentMode) {
}
