package com.pimpmycase.image;

import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.ServiceUnderTest;
import java.util.Map;

/** The §3 suite against the WAR deployed on the Jetty 12 distribution (jetty-home, ee10) with the context file from conf/. */
class ImageEndpointJettyDistributionIT extends ImageEndpointContract {

    @Override
    ServiceUnderTest deploy(Map<String, Object> entries) throws Exception {
        return ExternalServer.jetty(entries, imageDirectory(entries));
    }
}
