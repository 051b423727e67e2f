package com.pimpmycase.console;

import com.pimpmycase.image.ImageStore;
import com.pimpmycase.image.ImageType;
import com.pimpmycase.image.StoredImage;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Thumbnails for the console (SPEC §12): at most {@value #SIZE} px a side, PNG, made on the server
 * so a list never loads a full design, and cached per image version (size and modification time:
 * the entity tag), so a replaced file gets a new one.
 *
 * <p>PNG and JPEG are read by the JDK's own readers; WebP by TwelveMonkeys' reader, created from
 * its provider directly. Nothing is added to ImageIO's JVM-wide registry: a provider registered
 * there from the WAR would pin the WAR's class loader after undeploy, and whether the container's
 * first ImageIO use scans the WAR at all differs between Tomcat and Jetty (README, "Operator console").
 * A large image is decoded subsampled, so its pixels are never all in memory.
 */
public final class Thumbnails implements AutoCloseable {

    /** Longest side of a thumbnail, in pixels. */
    public static final int SIZE = 160;
    private static final int CACHED = 1000;

    private final ImageStore images;
    private final WebPImageReaderSpi webp = new WebPImageReaderSpi();
    /** Decoding is CPU-bound: two at a time, whatever the number of requests. */
    private final Semaphore decoding = new Semaphore(2);
    private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED;
        }
    };

    public Thumbnails(ImageStore images) {
        this.images = images;
        initialiseImageIoWithoutTheWar();
    }

    /** A made thumbnail with the version it was made from. */
    record Thumbnail(byte[] png, String etag) {}

    /** The thumbnail of the stored image {@code name}; {@code null} when there is no such image or it cannot be read. */
    Thumbnail of(String name) throws IOException, InterruptedException {
        StoredImage image = images.find(name);
        if (image == null) {
            return null;
        }
        String etag = "\"t" + SIZE + "-" + image.etag().replace("\"", "") + "\"";
        byte[] png;
        synchronized (cache) {
            png = cache.get(image.versionKey());
        }
        if (png == null) {
            decoding.acquire();
            try {
                png = make(image);
            } finally {
                decoding.release();
            }
            if (png == null) {
                return null;
            }
            synchronized (cache) {
                cache.put(image.versionKey(), png);
            }
        }
        return new Thumbnail(png, etag);
    }

    private byte[] make(StoredImage image) throws IOException {
        ImageReader reader = readerFor(image.type());
        if (reader == null) {
            return null;
        }
        try (FileChannel channel = images.open(image)) {
            if (channel == null) {
                return null;
            }
            try (ChannelImageInputStream in = new ChannelImageInputStream(channel)) {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                // Read every n-th pixel, keeping twice the thumbnail's size for a smooth scale-down.
                int step = Math.max(1, Math.max(width, height) / (2 * SIZE));
                param.setSourceSubsampling(step, step, 0, 0);
                return png(scale(reader.read(0, param)));
            } catch (RuntimeException | IOException brokenImage) {
                return null; // the list shows a placeholder; the file itself is the image endpoint's business
            }
        } finally {
            reader.dispose();
        }
    }

    private ImageReader readerFor(ImageType type) throws IOException {
        return switch (type) {
            case PNG -> first(ImageIO.getImageReadersByFormatName("png"));
            case JPEG -> first(ImageIO.getImageReadersByFormatName("jpeg"));
            case WEBP -> webp.createReaderInstance();
            case OTHER -> null;
        };
    }

    private static ImageReader first(Iterator<ImageReader> readers) {
        return readers.hasNext() ? readers.next() : null;
    }

    /** The image scaled to at most {@link #SIZE} px a side, transparency kept. */
    static BufferedImage scale(BufferedImage source) {
        double factor = Math.min(1.0, (double) SIZE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    /** PNG bytes, written in memory (ImageIO's default stream may use a temporary file). */
    private static byte[] png(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(new IIOImage(image, null, null));
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * ImageIO's registry is made on first use and then scans the context class loader for
     * providers: made here with the platform loader, it never holds one of the WAR's classes.
     */
    private static void initialiseImageIoWithoutTheWar() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            IIORegistry.getDefaultInstance();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Whether ImageIO's JVM-wide registry offers a WebP reader (from the WAR or the server): the
     * start-up line says so; the thumbnails do not depend on it.
     */
    public static boolean registryReadsWebp() {
        return ImageIO.getImageReadersByMIMEType("image/webp").hasNext();
    }

    /** Drops the cache; removes any provider of the WAR's that someone registered with ImageIO anyway. */
    @Override
    public void close() {
        synchronized (cache) {
            cache.clear();
        }
        ClassLoader ours = Thumbnails.class.getClassLoader();
        IIORegistry registry = IIORegistry.getDefaultInstance();
        java.util.List<Object> war = new java.util.ArrayList<>();
        registry.getCategories().forEachRemaining(category -> registry.getServiceProviders(category, false)
                .forEachRemaining(provider -> {
                    if (provider.getClass().getClassLoader() == ours) {
                        war.add(provider);
                    }
                }));
        war.forEach(registry::deregisterServiceProvider);
    }
}
