package com.pimpmycase.web;

import com.pimpmycase.testing.ExternalServer;
import java.nio.file.Path;
import java.util.Map;

/** Issue 14's log checks on the Jetty 12 distribution (ee10): its console. */
class ServiceLogsJettyDistributionIT extends ServiceLogsContract {

    @Override
    ExternalServer deploy(Map<String, Object> entries, Path imageDirectory) throws Exception {
        return ExternalServer.jetty(entries, imageDirectory);
    }

    @Override
    boolean refusesEncodedControlsInPaths() {
        return true;
    }
}
