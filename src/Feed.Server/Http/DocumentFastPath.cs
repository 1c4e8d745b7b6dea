using Feed.Server.Hosting;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Feed.Server.Http;

/// <summary>
/// The short road for what pollers ask for most: GET or HEAD of a prepared document with at most
/// a plain Accept-Encoding and one exact If-None-Match, and the CORS preflight (OPTIONS) of a document. It answers before routing and allocates
/// nothing of its own; anything else goes on to the endpoints (<see cref="FeedResponses"/>).
/// Both roads write through the same <see cref="ResponseWriter"/>. A file beside the stories is
/// answered here whatever the request's headers (<see cref="AssetResponder"/>, as the endpoints' road does).
/// </summary>
public sealed class DocumentFastPath(RequestDelegate next, SnapshotStore store, ResponseWriter writer, AssetResponder? assets = null)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!;
        if (HttpMethods.IsOptions(request.Method) && store.Current?.Document(path) is { } preflighted)
            return ResponseWriter.WritePreflight(context, preflighted);
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || store.Current is not { } snapshot)
            return next(context);
        if (snapshot.Document(path) is not { } document)
            return assets?.Find(context) is { } file ? assets.Serve(context, file) : next(context);
        if (!IsPlain(request.Headers, out var coding))
            return next(context);

        var ifNoneMatch = request.Headers.IfNoneMatch;
        int status;
        if (ifNoneMatch.Count == 0)
            status = StatusCodes.Status200OK;
        else if (ifNoneMatch.Count == 1 && ifNoneMatch[0] == document.Variant(coding).ETag)
            status = StatusCodes.Status304NotModified;
        else if (IsSingleStrongTag(ifNoneMatch))
            status = StatusCodes.Status200OK;
        else
            return next(context);
        return writer.Write(context, path, document, coding, status, snapshot.LastModifiedHeader);
    }

    /// <summary>No validators but If-None-Match, no A-IM, and an Accept-Encoding without q-values or wildcards.</summary>
    static bool IsPlain(IHeaderDictionary headers, out ContentCoding coding)
    {
        coding = ContentCoding.Identity;
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
            var name = value[range].Trim();
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                coding = ContentCoding.Brotli;
            else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) && coding == ContentCoding.Identity)
                coding = ContentCoding.Gzip;
        }
        return true;
    }

    static bool IsSingleStrongTag(StringValues ifNoneMatch)
    {
        var tag = ifNoneMatch[0].AsSpan().Trim();
        return ifNoneMatch.Count == 1 && tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' && tag[1..^1].IndexOfAny('"', ',') < 0;
    }
}
