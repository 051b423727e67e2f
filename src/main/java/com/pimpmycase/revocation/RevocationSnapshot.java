package com.pimpmycase.revocation;

import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.image.RevokedLinks;
import com.pimpmycase.token.Revocations;
import com.pimpmycase.token.Token;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's copy of the active revocations (SPEC §10), the one place that answers "is it revoked
 * now" on every request without touching the database: an immutable map by filename, replaced as
 * a whole. A lookup for an image nobody revoked is one hash lookup on the request's own filename;
 * only a file with link revocations costs a digest of the presented signature.
 *
 * <p>{@link #refresh} runs in the background every second or so: it reads the change version and
 * reloads only when it moved. When the database cannot be reached the last snapshot stays in
 * force (logged once, and once more when it is back). A change made on this node is applied here
 * by {@link RevocationService} before the request is answered.
 */
public final class RevocationSnapshot implements ImageBlocks, RevokedLinks, Revocations {

    private static final Logger LOG = Logger.getLogger(RevocationSnapshot.class.getName());

    /** What is revoked for one file; never changed once published. */
    private record Entry(boolean blocked, Set<String> linkDigests) {}

    private final RevocationStore store;
    private final Clock clock;
    private final long leewaySeconds;
    /** Serialises reloads and local changes, so an older reload never replaces a newer state. */
    private final Object writeLock = new Object();

    /** filename → entry; a HashMap (lookups of any key are safe) that is never changed after publication. */
    private volatile Map<String, Entry> byFile = new HashMap<>();
    private long loadedVersion = -1; // guarded by writeLock
    private boolean unreachable; // guarded by writeLock

    public RevocationSnapshot(RevocationStore store, Clock clock, Duration leeway) {
        this.store = store;
        this.clock = clock;
        this.leewaySeconds = leeway.toSeconds();
    }

    @Override
    public boolean isBlocked(String filename) {
        Entry entry = byFile.get(filename);
        return entry != null && entry.blocked();
    }

    /** Whether this link is revoked now: listed, and its token not yet past exp + leeway. */
    @Override
    public boolean isRevoked(String filename, Token token) {
        Entry entry = byFile.get(filename);
        return entry != null && linkRevoked(entry, token);
    }

    /** The verifier's step: the image is blocked, or this link is revoked now. */
    @Override
    public boolean covers(String filename, Token token) {
        Entry entry = byFile.get(filename);
        return entry != null && (entry.blocked() || linkRevoked(entry, token));
    }

    private boolean linkRevoked(Entry entry, Token token) {
        if (entry.linkDigests().isEmpty()) {
            return false;
        }
        // Past exp + leeway a revoked link is simply expired (SPEC §10), whatever the snapshot holds.
        if (Math.floorDiv(clock.millis(), 1000) > token.expiresAt() + leewaySeconds) {
            return false;
        }
        return entry.linkDigests().contains(LinkDigest.of(token));
    }

    /** How many revocations this node enforces (blocks and links). */
    public int size() {
        int size = 0;
        for (Entry entry : byFile.values()) {
            size += entry.linkDigests().size() + (entry.blocked() ? 1 : 0);
        }
        return size;
    }

    /**
     * Brings the snapshot up to the database's state when it changed; never throws, so a
     * scheduler keeps calling it. Unreachable database: the last snapshot stays.
     */
    public void refresh() {
        synchronized (writeLock) {
            try {
                if (store.version() != loadedVersion) {
                    RevocationStore.Loaded loaded = store.load();
                    byFile = index(loaded.active());
                    loadedVersion = loaded.version();
                }
                if (unreachable) {
                    unreachable = false;
                    LOG.info(() -> "revocations: the database answers again; enforcing " + size() + " revocation(s)");
                }
            } catch (Exception e) {
                if (!unreachable) {
                    unreachable = true;
                    LOG.log(Level.WARNING, "revocations: cannot read them from the database; still enforcing the "
                            + size() + " last read until it answers again: " + e);
                }
            }
        }
    }

    /** A revocation this node just committed, enforced here at once (the next refresh reloads anyway). */
    void added(Revocation revocation) {
        synchronized (writeLock) {
            Map<String, Entry> next = new HashMap<>(byFile);
            Entry old = next.get(revocation.filename());
            Set<String> links = old == null ? Set.of() : old.linkDigests();
            boolean blocked = old != null && old.blocked();
            if (revocation.scope() == RevocationScope.IMAGE) {
                blocked = true;
            } else {
                Set<String> more = new HashSet<>(links);
                more.add(revocation.tokenDigest());
                links = Set.copyOf(more);
            }
            next.put(revocation.filename(), new Entry(blocked, links));
            byFile = next;
        }
    }

    /** A revocation this node just lifted, no longer enforced here. */
    void removed(Revocation revocation) {
        synchronized (writeLock) {
            Map<String, Entry> next = new HashMap<>(byFile);
            Entry old = next.get(revocation.filename());
            if (old == null) {
                return;
            }
            boolean blocked = old.blocked() && revocation.scope() != RevocationScope.IMAGE;
            Set<String> links = old.linkDigests();
            if (revocation.scope() == RevocationScope.LINK) {
                Set<String> fewer = new HashSet<>(links);
                fewer.remove(revocation.tokenDigest());
                links = Set.copyOf(fewer);
            }
            if (blocked || !links.isEmpty()) {
                next.put(revocation.filename(), new Entry(blocked, links));
            } else {
                next.remove(revocation.filename());
            }
            byFile = next;
        }
    }

    private static Map<String, Entry> index(List<Revocation> active) {
        Map<String, Boolean> blocked = new HashMap<>();
        Map<String, Set<String>> links = new HashMap<>();
        for (Revocation r : active) {
            if (r.scope() == RevocationScope.IMAGE) {
                blocked.put(r.filename(), true);
            } else {
                links.computeIfAbsent(r.filename(), f -> new HashSet<>()).add(r.tokenDigest());
            }
        }
        Map<String, Entry> byFile = new HashMap<>();
        for (String filename : blocked.keySet()) {
            byFile.put(filename, new Entry(true, Set.copyOf(links.getOrDefault(filename, Set.of()))));
        }
        links.forEach((filename, digests) -> byFile.putIfAbsent(filename, new Entry(false, Set.copyOf(digests))));
        return byFile;
    }
}
