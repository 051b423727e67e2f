package com.pimpmycase.image;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Chooses, once per request, how an image body is sent: Tomcat's sendfile when the container
 * offers it for a single range worth it; the reused memory mapping when the container takes
 * buffers and the image has been asked for before ({@link MappedImages}); else streamed from the
 * file. Never whole on the heap.
 */
final class ImageBodies {

    private final ImageStore store;
    private final MappedImages mappedImages;

    ImageBodies(ImageStore store, MappedImages mappedImages) {
        this.store = store;
        this.mappedImages = mappedImages;
    }

    /**
     * @param singleRangeLength the length of the one range to send, or -1 for several (multipart:
     *     the servlet writes part heads between them, which sendfile cannot)
     */
    ImageBody choose(HttpServletRequest request, HttpServletResponse response, StoredImage image,
            long singleRangeLength) throws IOException {
        if (singleRangeLength >= 0 && SendfileBody.applies(request, singleRangeLength)) {
            return new SendfileBody(request, image);
        }
        ResponseSink sink = new ResponseSink(response.getOutputStream(), image.path().getFileName().toString());
        ByteBuffer mapping = sink.takesBuffers() ? mappedImages.bytes(image) : null;
        return mapping != null ? new MappedBody(sink, mapping) : new StreamedBody(sink, store, image);
    }
}
