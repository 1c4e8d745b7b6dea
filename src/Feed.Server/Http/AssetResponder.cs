using Feed.Assets;
using Feed.Server.Configuration;
using Feed.Server.Hosting;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Feed.Server.Http;

/// <summary>
/// Serves the files beside the stories (docs/security.md, "Files beside the stories"), whichever
/// road the request took: only a file the scan listed (<see cref="AssetSet"/>), opened with no link
/// followed on the way (<see cref="NoFollowFile"/>), with a strong ETag from its bytes,
/// Last-Modified, Cache-Control, nosniff and ranges (206, 416). ASP.NET Core's file result
/// answers the validators (RFC 9110 13.2.2's order: If-None-Match before If-Modified-Since) and
/// the ranges.
/// </summary>
public sealed class AssetResponder(AssetStore store, FeedOptions options)
{
    static readonly StringValues NoCache = "no-cache";
    readonly StringValues _cacheControl = options.CacheControl;

    /// <summary>The file served at the request's path, or null when none is.</summary>
    public AssetFile? Find(HttpContext context) => store.Root is null ? null : store.Current.At(context.Request.Path.Value ?? "/");

    public async Task Serve(HttpContext context, AssetFile file)
    {
        var stream = NoFollowFile.Open(store.Root!, file.Path);
        if (stream is null)
        {
            // Gone, or a link now, since the scan: as if it were never there.
            await ResponseWriter.WriteText(context, StatusCodes.Status404NotFound, "404 Not Found\n");
            return;
        }
        await using (stream)
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = ResponseWriter.NoSniff;
            if (file.MediaType == AssetTypes.Svg)
                headers.ContentSecurityPolicy = AssetTypes.SvgPolicy;
            // The bytes are the ones the scan hashed only while size and time are the same; a file
            // changed since goes out without validators until the next scan.
            var same = stream.Length == file.Length && File.GetLastWriteTimeUtc(stream.SafeFileHandle) == file.LastWriteUtc;
            headers.CacheControl = same ? _cacheControl : NoCache;
            var result = TypedResults.Stream(stream, file.MediaType,
                lastModified: same ? new DateTimeOffset(file.LastWriteUtc, TimeSpan.Zero) : null,
                entityTag: same ? new EntityTagHeaderValue(file.ETag) : null,
                enableRangeProcessing: true);
            await result.ExecuteAsync(context);
        }
    }
}
