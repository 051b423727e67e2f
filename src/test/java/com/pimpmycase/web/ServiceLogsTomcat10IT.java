package com.pimpmycase.web;

import com.pimpmycase.testing.ExternalServer;
import java.nio.file.Path;
import java.util.Map;

/** Issue 14's log checks on Apache Tomcat 10.1: catalina.out and logs/catalina.*.log. */
class ServiceLogsTomcat10IT extends ServiceLogsContract {

    @Override
    ExternalServer deploy(Map<String, Object> entries, Path imageDirectory) throws Exception {
        return ExternalServer.tomcat("pimpmycase.tomcat10.home", entries, imageDirectory);
    }

    /** Tomcat's default logging.properties writes each line to the console and to catalina.<date>.log. */
    @Override
    int expectedCopies() {
        return 2;
    }

    @Override
    boolean refusesEncodedControlsInPaths() {
        return false;
    }
}
