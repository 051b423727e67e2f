package com.pimpmycase.revocation;

import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.image.RevokedLinks;
import com.pimpmycase.token.Expiry;
import com.pimpmycase.token.Revocations;
import com.pimpmycase.token.Token;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's copy of the active revocations (SPEC §10), the one place that answers "is it revoked
 * now" on every request without touching the database: a concurrent map by filename of immutable
 * per-file entries. A lookup for an image nobody revoked is one hash lookup on the request's own
 * filename; only a file with link revocations costs a digest of the presented signature.
 *
 * <p>{@link #refresh} runs in the background every second or so: it reads the change version and,
 * when it moved, re-reads only the files changed since (the store's change log), replacing their
 * entries one by one; it reloads the whole table only at the first refresh, after a gap in the log
 * (a node that was cut off longer than the log is kept) or a very large change. When the database
 * cannot be reached the last snapshot stays in force (logged once, and once more when it is back).
 * A change made on this node is applied here by {@link RevocationService} before the request is
 * answered, copying only that file's entry. Link revocations past their token's exp + leeway are
 * ignored at lookup and leave memory when {@link RevocationStore#dropExpired} (every minute, on
 * every node) deletes and logs them.
 */
public final class RevocationSnapshot implements ImageBlocks, RevokedLinks, Revocations {

    private static final Logger LOG = Logger.getLogger(RevocationSnapshot.class.getName());

    /** What is revoked for one file; never changed once published. */
    private record Entry(boolean blocked, Set<String> linkDigests) {
        /** {@code null} when nothing is left. */
        static Entry of(boolean blocked, Set<String> linkDigests) {
            return blocked || !linkDigests.isEmpty() ? new Entry(blocked, linkDigests) : null;
        }
    }

    private final RevocationStore store;
    private final Clock clock;
    private final Expiry expiry;
    /**
     * Serialises refreshes and local changes (the refresh reads the database inside it), so a
     * refresh that read a file before a local change cannot put the older entry back after it.
     */
    private final Object writeLock = new Object();

    /** filename → entry; entries are replaced per file, the whole map only by a full reload. */
    private volatile ConcurrentHashMap<String, Entry> byFile = new ConcurrentHashMap<>();
    private long loadedVersion = -1; // guarded by writeLock
    private boolean unreachable; // guarded by writeLock

    public RevocationSnapshot(RevocationStore store, Clock clock, Duration leeway) {
        this.store = store;
        this.clock = clock;
        this.expiry = new Expiry(leeway);
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
        if (expiry.isExpired(token, Expiry.nowSeconds(clock))) {
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
                RevocationStore.Changes changes = store.changesSince(loadedVersion);
                if (changes == null) {
                    RevocationStore.Loaded loaded = store.load();
                    byFile = index(loaded.active());
                    loadedVersion = loaded.version();
                } else {
                    changes.byFile().forEach((filename, active) -> {
                        Entry entry = entry(active);
                        if (entry == null) {
                            byFile.remove(filename);
                        } else {
                            byFile.put(filename, entry);
                        }
                    });
                    loadedVersion = changes.version();
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

    /** A revocation this node just committed, enforced here at once (the next refresh re-reads its file anyway). */
    void added(Revocation revocation) {
        synchronized (writeLock) {
            byFile.compute(revocation.filename(), (filename, old) -> {
                boolean blocked = old != null && old.blocked();
                Set<String> links = old == null ? Set.of() : old.linkDigests();
                if (revocation.scope() == RevocationScope.IMAGE) {
                    blocked = true;
                } else if (!links.contains(revocation.tokenDigest())) {
                    Set<String> more = new HashSet<>(links);
                    more.add(revocation.tokenDigest());
                    links = Set.copyOf(more);
                }
                return new Entry(blocked, links);
            });
        }
    }

    /** A revocation this node just lifted, no longer enforced here. */
    void removed(Revocation revocation) {
        synchronized (writeLock) {
            byFile.computeIfPresent(revocation.filename(), (filename, old) -> {
                boolean blocked = old.blocked() && revocation.scope() != RevocationScope.IMAGE;
                Set<String> links = old.linkDigests();
                if (revocation.scope() == RevocationScope.LINK && links.contains(revocation.tokenDigest())) {
                    Set<String> fewer = new HashSet<>(links);
                    fewer.remove(revocation.tokenDigest());
                    links = Set.copyOf(fewer);
                }
                return Entry.of(blocked, links); // null: the file leaves the map
            });
        }
    }

    /** One file's entry from its active revocations; {@code null} for none. */
    private static Entry entry(List<Revocation> active) {
        boolean blocked = false;
        Set<String> links = new HashSet<>();
        for (Revocation r : active) {
            if (r.scope() == RevocationScope.IMAGE) {
                blocked = true;
            } else {
                links.add(r.tokenDigest());
            }
        }
        return Entry.of(blocked, Set.copyOf(links));
    }

    private static ConcurrentHashMap<String, Entry> index(List<Revocation> active) {
        Map<String, List<Revocation>> grouped = new HashMap<>();
        for (Revocation r : active) {
            grouped.computeIfAbsent(r.filename(), f -> new ArrayList<>(1)).add(r);
        }
        ConcurrentHashMap<String, Entry> byFile = new ConcurrentHashMap<>(Math.max(16, grouped.size() * 4 / 3 + 1));
        grouped.forEach((filename, revocations) -> byFile.put(filename, entry(revocations)));
        return byFile;
    }
}
