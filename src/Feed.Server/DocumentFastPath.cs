using Feed;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Feed.Server;

/// <summary>
/// The short road for what pollers ask for most: GET or HEAD of a prepared document with at most
/// a plain Accept-Encoding and one exact If-None-Match. It answers before routing, from header
/// values prepared once, and allocates nothing of its own. Anything else (If-Modified-Since,
/// ETag lists, weak or wildcard tags, q-values, A-IM deltas, If-Match) goes on to the endpoints,
/// where ASP.NET Core evaluates it by RFC 9110; both roads send the same headers and bytes.
/// </summary>
public sealed class DocumentFastPath(FeedService feeds, FeedOptions options)
{
    static readonly StringValues Vary = HeaderNames.AcceptEncoding;
    static readonly StringValues NoSniff = "nosniff";
    static readonly StringValues Br = "br";
    static readonly StringValues Gzip = "gzip";

    readonly StringValues _cacheControl = options.CacheControl;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || feeds.Current?.Document(request.Path.Value!) is not { } document
            || document.MediaType == FeedSnapshot.HtmlMediaType
            || !IsPlain(request.Headers, out var encoding))
            return next(context);

        var variant = encoding == 2 ? document.BrotliVariant : encoding == 1 ? document.GzipVariant : document.Identity;
        var ifNoneMatch = request.Headers.IfNoneMatch;
        var notModified = ifNoneMatch.Count == 1 && ifNoneMatch[0] == variant.ETag;
        if (ifNoneMatch.Count > 0 && !notModified && !IsSingleStrongTag(ifNoneMatch))
            return next(context);

        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = variant.ETag;
        headers.CacheControl = document.IsArchived ? FeedResponses.ArchiveCacheControl : _cacheControl;
        headers.Vary = Vary;
        headers.XContentTypeOptions = NoSniff;
        if (document.LastModifiedHeader is { } lastModified)
            headers.LastModified = lastModified;
        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = document.MediaType;
        response.ContentLength = variant.Body.Length;
        if (encoding != 0)
            headers.ContentEncoding = encoding == 2 ? Br : Gzip;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(variant.Body).AsTask();
    }

    /// <summary>
    /// No validators but If-None-Match, and an Accept-Encoding without q-values or wildcards:
    /// 0 identity, 1 gzip, 2 br (preferred, as on the framework's road).
    /// </summary>
    static bool IsPlain(IHeaderDictionary headers, out int encoding)
    {
        encoding = 0;
        if (headers.ContainsKey(HeaderNames.IfModifiedSince) || headers.ContainsKey(HeaderNames.IfMatch)
            || headers.ContainsKey(HeaderNames.IfUnmodifiedSince) || headers.ContainsKey("A-IM"))
            return false;
        var accept = headers.AcceptEncoding;
        if (accept.Count == 0)
            return true;
        if (accept.Count > 1)
            return false;
        var value = accept[0].AsSpan();
        if (value.IndexOfAny(';', '*') >= 0)
            return false;
        foreach (var range in value.Split(','))
        {
            var coding = value[range].Trim();
            if (coding.Equals("br", StringComparison.OrdinalIgnoreCase))
                encoding = 2;
            else if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) && encoding == 0)
                encoding = 1;
        }
        return true;
    }

    static bool IsSingleStrongTag(StringValues ifNoneMatch)
    {
        var tag = ifNoneMatch[0].AsSpan().Trim();
        return ifNoneMatch.Count == 1 && tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' && tag[1..^1].IndexOfAny('"', ',') < 0;
    }
}
