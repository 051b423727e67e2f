package com.pimpmycase.config;

import com.pimpmycase.auth.ApiClients;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Everything the service reads from JNDI (SPEC §7), validated. Built once at startup by
 * {@link ServiceConfigLoader}.
 *
 * @param publicBaseUrl base of the URLs handed out, without trailing slash; {@code null} means
 *     "from the request"
 * @param dataSource the container's {@code jdbc/pimpmycase}; {@code null} means the embedded H2 database
 * @param developmentMode set only by the development server: the landing page then shows sample links
 */
public record ServiceConfig(
        SigningKeys signingKeys,
        PartnerPolicies partnerPolicies,
        Duration clockLeeway,
        String publicBaseUrl,
        Path dataDirectory,
        Path imageDirectory,
        ApiClients apiClients,
        long maxUploadBytes,
        DataSource dataSource,
        boolean developmentMode) {
}
