package com.pimpmycase.config;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

/** Reads {@code java:comp/env/…}, as bound by Tomcat's context.xml or Jetty's context XML. */
public final class JndiSettings implements Settings {

    private static final String ENV = "java:comp/env/";

    @Override
    public Object lookup(String name) {
        try {
            Context context = new InitialContext();
            try {
                return context.lookup(ENV + name);
            } finally {
                context.close();
            }
        } catch (NameNotFoundException | NoInitialContextException unbound) {
            return null;
        } catch (NamingException e) {
            throw new ConfigurationException(name, "cannot be read from JNDI: " + e);
        }
    }
}
