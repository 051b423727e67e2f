package com.pimpmycase.config;

import java.nio.file.Path;

/** Stored design images (SPEC §3, §5): {@code imageDirectory}, {@code maxUploadBytes}. */
public record ImageConfig(Path imageDirectory, long maxUploadBytes) {
}
