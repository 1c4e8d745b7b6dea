vcl 4.1;

# Varnish in front of Feed. Feed's responses carry strong ETags, Last-Modified and
# Cache-Control: public, max-age=N, and every encoding is precompressed with its own ETag, so
# Varnish only has to honour them: it serves from cache while fresh, then revalidates with
# the origin (If-None-Match), so the origin sees mostly cheap 304s. Run varnishd with
# -p http_gzip_support=off, so that Varnish stores Feed's own br and gzip bodies instead of
# recompressing. The backend below is replaced by bench/cache-tier.sh; edit it for a real host.

backend feed {
    .host = "127.0.0.1";
    .port = "5000";
    .connect_timeout = 2s;
    .first_byte_timeout = 10s;
}

sub vcl_recv {
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # RFC 3229 delta requests are answered for one client's version: never from the cache.
    if (req.http.A-IM) {
        return (pass);
    }
    # Feed ignores query strings (?utm_source=...), so they must not split the cache.
    set req.url = regsub(req.url, "\?.*$", "");
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
    return (hash);
}

sub vcl_backend_response {
    # Keep expired objects so Varnish can revalidate them with a conditional request instead
    # of fetching the whole body again; serve slightly stale while it does (grace).
    set beresp.grace = 10s;
    set beresp.keep = 1d;
    # What the origin actually answered (Varnish turns a 304 into the refreshed 200 object).
    if (beresp.was_304) {
        set beresp.http.X-Origin-Status = "304";
    } else {
        set beresp.http.X-Origin-Status = beresp.status;
    }
    if (beresp.status >= 500) {
        set beresp.ttl = 1s;
    }
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
