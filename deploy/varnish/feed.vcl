vcl 4.1;

# Varnish in front of Feed (docs/scale-out.md). Feed's responses carry strong ETags,
# Last-Modified and Cache-Control: public, max-age=N, and every encoding is precompressed with
# its own ETag, so Varnish only has to honour them: it serves from cache while fresh, then
# revalidates with the origin (If-None-Match), so the origin sees mostly cheap 304s. Run
# varnishd with -p http_gzip_support=off, so that Varnish stores Feed's own br and gzip bodies
# instead of recompressing.
#
# Edit for a real host: the backends' addresses (one block per Feed instance, each added to the
# director in vcl_init) and the purgers ACL (the addresses Feed's PURGE requests come from).
# bench/cache-tier.sh and the interop test rewrite the two ports below.

import directors;
import std;

# Each instance is asked for /healthz every second; two failures in the last three take it out
# of rotation (a restart, a missing items folder: /healthz is 503 then), two successes bring it
# back.
probe feed_health {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
    .expected_response = 200;
}

backend feed1 {
    .host = "127.0.0.1";
    .port = "5000";
    .connect_timeout = 2s;
    .first_byte_timeout = 10s;
    .probe = feed_health;
}

backend feed2 {
    .host = "127.0.0.1";
    .port = "5001";
    .connect_timeout = 2s;
    .first_byte_timeout = 10s;
    .probe = feed_health;
}

# Who may PURGE: the Feed instances (Feed:CachePurge). Anyone else gets 405.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new origin = directors.round_robin();
    origin.add_backend(feed1);
    origin.add_backend(feed2);
}

sub vcl_recv {
    set req.backend_hint = origin.backend();
    # Feed ignores query strings (?utm_source=...), so they must not split the cache.
    set req.url = regsub(req.url, "\?.*$", "");

    # Feed purges a document before it pings the WebSub hubs, so a hub's fetch gets the new
    # bytes. A purge drops every variant of the object (each Accept-Encoding).
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.A-IM) {
        call feed_a_im;
    }
    # One key per encoding Feed serves: br, gzip or none (Feed sends Vary: Accept-Encoding).
    if (req.http.Accept-Encoding ~ "(^|,)\s*br\s*(;\s*q=(1|0\.[0-9]*[1-9]))?\s*(,|$)") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    # While an instance is healthy, a stale object is served for 10 s at most while it is
    # refreshed; with every instance down (a restart of both), for as long as grace keeps it.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

# RFC 3229 deltas are off in Feed by default (Feed:DeltaFeeds), and Feed then ignores A-IM, so
# the header is dropped: feedparser (rss2email) and newsboat send "A-IM: feed" on every
# conditional poll, and would otherwise all reach the origin. With Feed:DeltaFeeds=true,
# replace the unset with "return (pass);": a 226 answers one client's version and is never cached.
sub feed_a_im {
    unset req.http.A-IM;
}

sub vcl_backend_response {
    # A 5xx is never cached: try the other instance once, and on a background refresh keep
    # serving the stale object rather than replace it with the error.
    if (beresp.status >= 500) {
        if (bereq.retries < 1) {
            return (retry);
        }
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Keep expired objects so Varnish can revalidate them with a conditional request instead
    # of fetching the whole body again, and serve them stale while no instance answers (grace).
    set beresp.grace = 1h;
    set beresp.keep = 1d;
    # What the origin actually answered (Varnish turns a 304 into the refreshed 200 object).
    if (beresp.was_304) {
        set beresp.http.X-Origin-Status = "304";
    } else {
        set beresp.http.X-Origin-Status = beresp.status;
    }
}

sub vcl_backend_error {
    # An instance that refuses the connection (restarting): the other one, then never a cached 503.
    if (bereq.retries < 1) {
        return (retry);
    }
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.ttl = 0s;
    set beresp.uncacheable = true;
}

sub vcl_deliver {
    unset resp.http.X-Origin-Status;
    # Say whether this response came from the cache, for operators and the cache-tier script.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
