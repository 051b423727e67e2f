package com.pimpmycase.config;

/** Where configuration values come from: container JNDI in production, a map in unit tests. */
@FunctionalInterface
public interface Settings {

    /** The value bound to {@code name} (relative to {@code java:comp/env}), or {@code null}. */
    Object lookup(String name);
}
