package com.pimpmycase.image;

import com.pimpmycase.testing.ServerKind;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The §3 suite on every server we support, one deployment each. */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
class ImageEndpointIT extends ImageEndpointContract {
}
