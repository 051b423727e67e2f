package com.pimpmycase.image;

import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.ServiceUnderTest;
import java.util.Map;

/** The §3 suite against the WAR deployed on Apache Tomcat 11 with the context file from conf/. */
class ImageEndpointTomcat11IT extends ImageEndpointContract {

    @Override
    ServiceUnderTest deploy(Map<String, Object> entries) throws Exception {
        return ExternalServer.tomcat("pimpmycase.tomcat11.home", entries, imageDirectory(entries));
    }
}
