package com.pimpmycase.image;

import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServiceUnderTest;
import java.util.Map;

/** The §3 suite against the WAR in embedded Jetty 12 ee10 (the fast, always-on target). */
class ImageEndpointEmbeddedJettyIT extends ImageEndpointContract {

    @Override
    ServiceUnderTest deploy(Map<String, Object> entries) throws Exception {
        return DeployedWar.start(entries);
    }
}
