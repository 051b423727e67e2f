package com.pimpmycase.config;

import com.pimpmycase.auth.ApiClients;

/** Who may call {@code /api} (SPEC §4): {@code apiClients}. */
public record ApiConfig(ApiClients clients) {
}
