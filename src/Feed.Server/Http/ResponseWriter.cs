using System.Collections.Concurrent;
using System.Globalization;
using Feed.Documents;
using Feed.Formats.Html;
using Feed.Server.Configuration;
using Feed.Server.Operations;
using Feed.Site;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Feed.Server.Http;

/// <summary>
/// Every header and body Feed sends for a document, written in one place whatever road the
/// request took (the fast path before routing, the endpoints, RFC 3229 deltas), so the roads
/// cannot drift apart. Header values are prepared once; nothing here renders or compresses.
/// </summary>
public sealed class ResponseWriter
{
    // Pages carry story HTML; this policy lets none of it run script.
    static readonly StringValues PagePolicy = HtmlPages.ContentSecurityPolicy;

    static readonly StringValues Vary = HeaderNames.AcceptEncoding;
    static readonly StringValues DeltaVary = "Accept-Encoding, A-IM, If-None-Match";
    // RFC 3229 10.7.2: a cache that knows instance manipulations may store a 226 ("im"); any
    // other must not ("no-store"), since it answers one client's version.
    static readonly StringValues DeltaCacheControl = "no-store, im";
    internal static readonly StringValues NoSniff = "nosniff";
    static readonly StringValues Gzip = "gzip";
    static readonly StringValues Br = "br";
    static readonly StringValues FeedIm = "feed";
    static readonly StringValues AnyOrigin = "*";
    // Fetch standard, CORS: a script on another origin reads only the safelisted response
    // headers unless these are exposed; a web reader needs them for conditional polls and WebSub.
    static readonly StringValues ExposedHeaders = "ETag, Last-Modified, Link";
    static readonly StringValues PreflightMethods = "GET, HEAD";
    static readonly StringValues PreflightHeaders = "If-None-Match, If-Modified-Since";
    static readonly StringValues PreflightMaxAge = "86400";
    static readonly StringValues AllowedMethods = "GET, HEAD, OPTIONS";
    static readonly StringValues NoStore = "no-store";
    static readonly StringValues TextMediaType = "text/plain; charset=utf-8";

    sealed record DateStamp(long Second, StringValues Value);
    static DateStamp s_date = new(-1, default);

    /// <summary>The current time as an HTTP date, formatted once a second.</summary>
    static StringValues HttpDateNow()
    {
        var now = DateTimeOffset.UtcNow;
        var second = now.UtcTicks / TimeSpan.TicksPerSecond;
        var stamp = s_date;
        if (stamp.Second != second)
            s_date = stamp = new DateStamp(second, now.ToString("R", CultureInfo.InvariantCulture));
        return stamp.Value;
    }

    readonly StringValues _cacheControl;
    readonly FeedSettings _settings;
    readonly ConcurrentDictionary<string, StringValues> _links = new(StringComparer.Ordinal);
    readonly FeedMetrics _metrics;

    public ResponseWriter(FeedOptions options, FeedSettings settings, FeedMetrics metrics)
    {
        _cacheControl = options.CacheControl;
        _settings = settings;
        _metrics = metrics;
    }

    /// <summary>
    /// Writes a response for a document. <paramref name="status"/> is 200, 304 or 226; a 304
    /// carries only what RFC 9110 15.4.5 names (ETag, Cache-Control, Vary; Date is Kestrel's).
    /// </summary>
    /// <param name="context">The exchange.</param>
    /// <param name="path">The document's path, for the WebSub Link headers of feeds.</param>
    /// <param name="full">The whole document: its ETag is the one sent, even with a delta body.</param>
    /// <param name="coding">The content coding chosen for the request.</param>
    /// <param name="status">200, 304 or 226.</param>
    /// <param name="lastModified">The snapshot's Last-Modified, formatted.</param>
    /// <param name="delta">The body of a 226: only the entries the client lacks.</param>
    public Task Write(HttpContext context, string path, Representation full, ContentCoding coding, int status, string? lastModified,
        Representation? delta = null)
    {
        var response = context.Response;
        var headers = response.Headers;
        var variant = full.Variant(coding);
        response.StatusCode = status;
        headers.ETag = variant.ETag;
        headers.CacheControl = status == StatusCodes.Status226IMUsed ? DeltaCacheControl : _cacheControl;
        headers.Vary = status == StatusCodes.Status226IMUsed ? DeltaVary : Vary;
        var forPrograms = DocumentFormat.OfMediaType(full.MediaType)?.IsForPrograms == true;
        if (forPrograms)
        {
            // Feeds are public documents: a web-based reader on another origin may fetch them
            // (Fetch standard, CORS), and must see its 304s too. Pages are for people and stay
            // same-origin.
            headers.AccessControlAllowOrigin = AnyOrigin;
            headers.AccessControlExposeHeaders = ExposedHeaders;
        }
        if (status == StatusCodes.Status304NotModified)
        {
            _metrics.Responded(full.MediaType, status, 0);
            return Task.CompletedTask;
        }

        var body = (delta ?? full).Variant(coding).Body;
        response.ContentType = full.MediaType;
        response.ContentLength = body.Length;
        if (coding != ContentCoding.Identity)
            headers.ContentEncoding = coding == ContentCoding.Brotli ? Br : Gzip;
        if (lastModified is not null)
        {
            headers.LastModified = lastModified;
            // Kestrel's Date comes from a clock its heartbeat refreshes once a second, so just
            // after a change it can read the second before Last-Modified (RFC 9110 8.8.2.1: never
            // later than Date). The real time is never before it (LastModifiedClock.WhenServable).
            headers.Date = HttpDateNow();
        }
        headers.XContentTypeOptions = NoSniff;
        if (status == StatusCodes.Status226IMUsed)
            headers["IM"] = FeedIm;
        if (ReferenceEquals(full.MediaType, DocumentFormat.Html.MediaType) || full.MediaType == DocumentFormat.Html.MediaType)
            headers.ContentSecurityPolicy = PagePolicy;
        else if (forPrograms)
        {
            if (_settings.WebSubHubs.Count > 0 && DocumentKind.Of(path).IsFeed)
                headers.Link = _links.GetOrAdd(path, static (p, state) =>
                    string.Concat(state.hubs.Select(h => $"<{h.AbsoluteUri}>; rel=\"hub\", ")) + $"<{SitePaths.Absolute(state.site, p).AbsoluteUri}>; rel=\"self\"",
                    (hubs: _settings.WebSubHubs, site: _settings.BaseUrl));
        }
        var head = HttpMethods.IsHead(context.Request.Method);
        _metrics.Responded(full.MediaType, status, head ? 0 : body.Length);
        return head ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>
    /// The answer to OPTIONS on a feed or archive: a CORS preflight (Fetch standard, "CORS-preflight
    /// request") allowed for GET and HEAD with the two validators a conditional poll sends, and
    /// remembered by the browser for a day. Pages are same-origin: OPTIONS on one is 405.
    /// </summary>
    public static Task WritePreflight(HttpContext context, Representation document)
    {
        var response = context.Response;
        if (DocumentFormat.OfMediaType(document.MediaType)?.IsForPrograms != true)
        {
            response.Headers.Allow = PreflightMethods;
            return WriteText(context, StatusCodes.Status405MethodNotAllowed, "405 Method Not Allowed\n");
        }
        var headers = response.Headers;
        response.StatusCode = StatusCodes.Status204NoContent;
        headers.Allow = AllowedMethods;
        headers.AccessControlAllowOrigin = AnyOrigin;
        headers.AccessControlAllowMethods = PreflightMethods;
        headers.AccessControlAllowHeaders = PreflightHeaders;
        headers.AccessControlMaxAge = PreflightMaxAge;
        return Task.CompletedTask;
    }

    /// <summary>404: the small HTML page for a browser (one that accepts text/html), plain text for any other client.</summary>
    public static Task WriteNotFound(HttpContext context, Representation? page)
    {
        if (page is null || !AcceptsHtml(context.Request))
            return WriteText(context, StatusCodes.Status404NotFound, "404 Not Found\n");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status404NotFound;
        response.ContentType = page.MediaType;
        response.ContentLength = page.Identity.Body.Length;
        response.Headers.CacheControl = NoStore;
        response.Headers.ContentSecurityPolicy = PagePolicy;
        response.Headers.XContentTypeOptions = NoSniff;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(page.Identity.Body).AsTask();
    }

    /// <summary>A permanent redirect to a page's or feed's one URL (RFC 9110 15.4.2), cacheable for a day.</summary>
    public static Task WriteRedirect(HttpContext context, Uri location)
    {
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location.AbsoluteUri;
        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.XContentTypeOptions = NoSniff;
        return Task.CompletedTask;
    }

    /// <summary>A short JSON answer (health).</summary>
    public static Task WriteJson(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        context.Response.Headers.CacheControl = NoStore;
        context.Response.Headers.XContentTypeOptions = NoSniff;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body).AsTask();
    }

    static bool AcceptsHtml(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>A short plain-text answer for what is not a document (404, 503, health).</summary>
    public static Task WriteText(HttpContext context, int status, string text)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = TextMediaType;
        context.Response.ContentLength = body.Length;
        context.Response.Headers.CacheControl = NoStore;
        context.Response.Headers.XContentTypeOptions = NoSniff;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body).AsTask();
    }
}
