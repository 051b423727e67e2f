package com.pimpmycase.console;

import com.pimpmycase.image.ImageStore;
import com.pimpmycase.image.ImageType;
import com.pimpmycase.image.StoredImage;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.event.IIOReadProgressListener;
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
 * first ImageIO use scans the WAR at all differs between Tomcat and Jetty (docs/CONSOLE.md, "Thumbnails").
 *
 * <p>What one thumbnail may cost (issue 22): an image of more than {@value #MAX_PIXELS} pixels,
 * by its header, is never decoded; the rest is decoded subsampled (an interlaced PNG from its first
 * Adam7 pass only) on one of two decoding threads, and a decode that has used
 * {@link #CPU_BUDGET_NANOS} of its thread's CPU is aborted. Those, and an image that fails to
 * decode, get the {@linkplain #placeholder() placeholder}, remembered like a real thumbnail; the
 * store failing to give the bytes (an I/O error) gets it too, not remembered, so the next view tries again.
 */
public final class Thumbnails implements AutoCloseable {

    /** Longest side of a thumbnail, in pixels. */
    public static final int SIZE = 160;
    /** Images with more pixels than this, by their header, are not decoded (SPEC §12). */
    static final long MAX_PIXELS = 40_000_000L;
    /** CPU one decode may use before it is aborted; scaling and encoding the thumbnail add a few ms. */
    static final long CPU_BUDGET_NANOS = 800_000_000L;
    /**
     * Wall-clock bound of one decode, for a node so busy that the CPU budget is not reached in time:
     * aborted then, the placeholder is not remembered (the image is not to blame).
     */
    static final long WALL_LIMIT_NANOS = 20_000_000_000L;
    private static final long WATCH_MILLIS = 20;
    private static final int DECODERS = 2;
    private static final int QUEUED = 256;
    private static final int CACHED = 1000;
    private static final byte[] PLACEHOLDER = placeholderPng();

    private final ImageStore images;
    private final Opener opener;
    private final WebPImageReaderSpi webp = new WebPImageReaderSpi();
    /** Decoding is CPU-bound: two at a time, whatever the number of requests; requests wait in the queue. */
    private final ThreadPoolExecutor decoders;
    /** Stops a decode over its budget (one thread, woken only while decodes run). */
    private final ScheduledThreadPoolExecutor watchdog;
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    /** Decodes under way or queued, by version: views of one image at the same time share one. */
    private final Map<String, CompletableFuture<Made>> making = new ConcurrentHashMap<>();
    private final AtomicLong decodes = new AtomicLong();
    private final Map<String, Made> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Made> eldest) {
            return size() > CACHED;
        }
    };

    /** Opens a found image for reading: {@link ImageStore#open} but for tests of a failing store. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(StoredImage image) throws IOException;
    }

    public Thumbnails(ImageStore images) {
        this(images, images::open);
    }

    Thumbnails(ImageStore images, Opener opener) {
        this.images = images;
        this.opener = opener;
        initialiseImageIoWithoutTheWar();
        decoders = new ThreadPoolExecutor(DECODERS, DECODERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), daemon("console-thumbnails"));
        decoders.allowCoreThreadTimeOut(true);
        watchdog = new ScheduledThreadPoolExecutor(1, daemon("console-thumbnails-watchdog"));
        watchdog.setRemoveOnCancelPolicy(true);
        watchdog.setKeepAliveTime(30, TimeUnit.SECONDS);
        watchdog.allowCoreThreadTimeOut(true);
    }

    /**
     * A thumbnail to answer with. {@code remembered} is false for a placeholder given because the
     * store failed or the node was too busy: answered without a validator, and not cached anywhere.
     */
    record Thumbnail(byte[] png, String etag, boolean placeholder, boolean remembered) {}

    /** What a decode gave: a thumbnail, or the placeholder and whether to remember it for this version. */
    private record Made(byte[] png, boolean placeholder, boolean remember) {
        static final Made NOT_FOUND = new Made(null, false, false);
    }

    /**
     * The thumbnail of the stored image {@code name}; {@code null} when there is no such image or
     * it is of a type the console does not show.
     */
    Thumbnail of(String name) throws InterruptedException {
        StoredImage image;
        try {
            image = images.find(name);
        } catch (IOException storeFailed) {
            return transientPlaceholder();
        }
        if (image == null || image.type() == ImageType.OTHER) {
            return null;
        }
        Made made;
        synchronized (cache) {
            made = cache.get(image.versionKey());
        }
        if (made == null) {
            made = make(image);
            if (made == Made.NOT_FOUND) {
                return null;
            }
        }
        if (!made.remember()) {
            return transientPlaceholder();
        }
        // A placeholder has a tag of its own, so a browser that kept one never revalidates it into the real thumbnail.
        String etag = "\"t" + SIZE + (made.placeholder() ? "p" : "") + "-" + image.etag().replace("\"", "") + "\"";
        return new Thumbnail(made.png(), etag, made.placeholder(), true);
    }

    private static Thumbnail transientPlaceholder() {
        return new Thumbnail(PLACEHOLDER, null, true, false);
    }

    /** Decodes {@code image} on a decoding thread (or waits for the decode of the same version under way). */
    private Made make(StoredImage image) throws InterruptedException {
        String key = image.versionKey();
        CompletableFuture<Made> ours = new CompletableFuture<>();
        CompletableFuture<Made> running = making.putIfAbsent(key, ours);
        if (running == null) {
            running = ours;
            synchronized (cache) {
                Made madeMeanwhile = cache.get(key);
                if (madeMeanwhile != null) { // by a decode that ended since this view looked
                    making.remove(key, ours);
                    return madeMeanwhile;
                }
            }
            try {
                decoders.execute(() -> {
                    Made made = new Made(PLACEHOLDER, true, false);
                    try {
                        made = decode(image);
                        if (made.remember()) {
                            synchronized (cache) {
                                cache.put(key, made);
                            }
                        }
                    } finally {
                        // Gone from the decodes under way before anyone hears the result: a view right
                        // after one that got a passing failure starts a decode of its own.
                        making.remove(key, ours);
                        ours.complete(made);
                    }
                });
            } catch (RejectedExecutionException busy) {
                making.remove(key, ours);
                return new Made(PLACEHOLDER, true, false);
            }
        }
        try {
            return running.get();
        } catch (ExecutionException e) {
            return new Made(PLACEHOLDER, true, false);
        }
    }

    /** On a decoding thread: header, size check, subsampled decode under the watchdog, scale, encode. */
    private Made decode(StoredImage image) {
        ImageReader reader;
        try {
            reader = readerFor(image.type());
        } catch (IOException | RuntimeException e) {
            return new Made(PLACEHOLDER, true, true);
        }
        if (reader == null) {
            return Made.NOT_FOUND;
        }
        FileChannel channel;
        try {
            channel = opener.open(image);
        } catch (IOException storeFailed) {
            reader.dispose();
            return new Made(PLACEHOLDER, true, false);
        }
        if (channel == null) {
            reader.dispose();
            return Made.NOT_FOUND; // removed, or replaced by a link, since it was found
        }
        ChannelImageInputStream in = new ChannelImageInputStream(channel);
        Watch watch = null;
        try {
            if (channel.size() != image.length()) {
                return new Made(PLACEHOLDER, true, false); // replaced since it was found: the next view sees the new version
            }
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                return new Made(PLACEHOLDER, true, true);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // Read every n-th pixel, keeping about twice the thumbnail's size for a smooth scale-down.
            int step = Math.max(1, Math.max(width, height) / (2 * SIZE));
            if (step >= 8 && isInterlacedPng(image, channel)) {
                // Every 8th pixel of every 8th row is Adam7's first pass, 1/64 of the data, and the
                // JDK's reader stops inflating after the last pass asked for.
                step = step / 8 * 8;
                param.setSourceProgressivePasses(0, 1);
            }
            param.setSourceSubsampling(step, step, 0, 0);
            watch = new Watch(reader, in, Thread.currentThread());
            watch.start();
            decodes.incrementAndGet();
            BufferedImage decoded = reader.read(0, param);
            String stopped = watch.stop();
            if (stopped != null) {
                return new Made(PLACEHOLDER, true, stopped == Watch.OVER_BUDGET);
            }
            return new Made(png(scale(decoded)), false, true);
        } catch (IOException | RuntimeException failed) {
            String stopped = watch == null ? null : watch.stop();
            if (stopped != null) {
                return new Made(PLACEHOLDER, true, stopped == Watch.OVER_BUDGET);
            }
            // A broken image is remembered; the store failing to give its bytes is not the image's fault.
            return new Made(PLACEHOLDER, true, in.storeFailure() == null);
        } finally {
            reader.dispose();
            try {
                in.close();
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing was lost
            }
        }
    }

    /** Whether a PNG's IHDR (the first chunk, checked by the reader for getWidth) says Adam7: byte 28 of the file. */
    private static boolean isInterlacedPng(StoredImage image, FileChannel channel) throws IOException {
        if (image.type() != ImageType.PNG) {
            return false;
        }
        ByteBuffer method = ByteBuffer.allocate(1);
        return channel.read(method, 28) == 1 && method.get(0) == 1;
    }

    /**
     * Aborts a decode over its CPU budget (or, on a node too busy to reach it, over the wall-clock
     * limit): {@link ImageReader#abort()}, which the JDK's readers check row by row; an exception
     * from the reader's progress reports, for a reader that reports but does not check; and every
     * later read of the file failing, for one that does neither (TwelveMonkeys' lossless WebP decoder).
     */
    private final class Watch implements IIOReadProgressListener {
        static final String OVER_BUDGET = "over its CPU budget";
        static final String TOO_BUSY = "over the wall-clock limit";

        private final ImageReader reader;
        private final ChannelImageInputStream in;
        private final long thread;
        private final long startCpu;
        private final long startWall = System.nanoTime();
        private volatile String stopped;
        private ScheduledFuture<?> check;

        Watch(ImageReader reader, ChannelImageInputStream in, Thread decoding) {
            this.reader = reader;
            this.in = in;
            this.thread = decoding.getId();
            this.startCpu = cpuOf(thread);
        }

        void start() {
            reader.addIIOReadProgressListener(this);
            check = watchdog.scheduleWithFixedDelay(this::check, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** Ends the watch; why the decode was stopped, or {@code null}. */
        String stop() {
            check.cancel(false);
            reader.removeIIOReadProgressListener(this);
            return stopped;
        }

        private void check() {
            long used = startCpu < 0 ? -1 : cpuOf(thread) - startCpu;
            long wall = System.nanoTime() - startWall;
            String why = used >= CPU_BUDGET_NANOS || (used < 0 && wall >= 2 * CPU_BUDGET_NANOS) ? OVER_BUDGET
                    : wall >= WALL_LIMIT_NANOS ? TOO_BUSY : null;
            if (why != null && stopped == null) {
                stopped = why;
                reader.abort();
                in.stop();
            }
        }

        private void interruptIfStopped() {
            if (stopped != null) {
                throw new DecodeStopped();
            }
        }

        @Override public void imageProgress(ImageReader source, float percentageDone) { interruptIfStopped(); }
        @Override public void sequenceStarted(ImageReader source, int minIndex) { }
        @Override public void sequenceComplete(ImageReader source) { }
        @Override public void imageStarted(ImageReader source, int imageIndex) { }
        @Override public void imageComplete(ImageReader source) { }
        @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) { }
        @Override public void thumbnailProgress(ImageReader source, float percentageDone) { }
        @Override public void thumbnailComplete(ImageReader source) { }
        @Override public void readAborted(ImageReader source) { }
    }

    /** Thrown from a progress report to stop a reader that does not check {@link ImageReader#abort()}. */
    private static final class DecodeStopped extends RuntimeException {
        DecodeStopped() {
            super("thumbnail decode stopped", null, false, false);
        }
    }

    private long cpuOf(long thread) {
        // Without thread CPU time (not on HotSpot, or switched off), the watch counts wall-clock time.
        return cpu.isThreadCpuTimeSupported() && cpu.isThreadCpuTimeEnabled() ? cpu.getThreadCpuTime(thread) : -1;
    }

    /** How many decodes were started (a remembered thumbnail or placeholder costs none). */
    long decodes() {
        return decodes.get();
    }

    /** The placeholder's PNG bytes (tests compare an answer with them). */
    static byte[] placeholder() {
        return PLACEHOLDER.clone();
    }

    private static ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A grey square with a darker frame: what the console shows for an image it will not decode. */
    private static byte[] placeholderPng() {
        BufferedImage image = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new java.awt.Color(0xe4e4e7));
            g.fillRect(0, 0, 80, 80);
            g.setColor(new java.awt.Color(0xa1a1aa));
            g.drawRect(0, 0, 79, 79);
            g.drawLine(0, 0, 79, 79);
            g.drawLine(0, 79, 79, 0);
        } finally {
            g.dispose();
        }
        try {
            return png(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        decoders.shutdownNow();
        watchdog.shutdownNow();
        making.values().forEach(waited -> waited.complete(new Made(PLACEHOLDER, true, false)));
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
