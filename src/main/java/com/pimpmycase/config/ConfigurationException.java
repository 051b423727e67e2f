package com.pimpmycase.config;

/** A JNDI entry is missing or unusable; the message starts with the entry's name. */
public final class ConfigurationException extends RuntimeException {

    private final String entry;

    public ConfigurationException(String entry, String problem) {
        super("java:comp/env/" + entry + ": " + problem);
        this.entry = entry;
    }

    public String entry() {
        return entry;
    }
}
