using Feed.Documents;
using Microsoft.Net.Http.Headers;

namespace Feed.Server.Http;

/// <summary>What a request asks for: which encoding, and whether its preconditions let a 200 through.</summary>
public static class Negotiation
{
    /// <summary>br, then gzip, then the identity, as the client's Accept-Encoding allows (RFC 9110 12.5.3).</summary>
    public static ContentCoding PickEncoding(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (accepted.Count == 0)
            return ContentCoding.Identity;

        double Quality(string coding)
        {
            double? exact = null, any = null;
            foreach (var value in accepted)
            {
                if (value.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
                    exact = value.Quality ?? 1;
                else if (value.Value == "*")
                    any = value.Quality ?? 1;
            }
            return exact ?? any ?? 0;
        }

        var br = Quality("br");
        var gzip = Quality("gzip");
        if (br > 0 && br >= gzip)
            return ContentCoding.Brotli;
        return gzip > 0 ? ContentCoding.Gzip : ContentCoding.Identity;
    }

    /// <summary>
    /// RFC 9110 13.2.2, in its order: If-Match, else If-Unmodified-Since (412 when they fail);
    /// then If-None-Match, else If-Modified-Since (304 when they match, for GET and HEAD).
    /// </summary>
    public static int Evaluate(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var headers = request.GetTypedHeaders();
        var current = new EntityTagHeaderValue(etag);
        if (request.Headers.ContainsKey(HeaderNames.IfMatch))
        {
            // 13.1.1: strong comparison; "*" matches any current representation.
            if (!headers.IfMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true)))
                return StatusCodes.Status412PreconditionFailed;
        }
        else if (headers.IfUnmodifiedSince is { } unmodifiedSince && lastModified is { } lm && lm > unmodifiedSince)
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        if (request.Headers.ContainsKey(HeaderNames.IfNoneMatch))
        {
            // 13.1.2: weak comparison; a match means the client has it.
            return headers.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false))
                ? StatusCodes.Status304NotModified
                : StatusCodes.Status200OK;
        }
        // 13.1.3: If-Modified-Since only without If-None-Match.
        if (headers.IfModifiedSince is { } modifiedSince && lastModified is { } modified && modified <= modifiedSince)
            return StatusCodes.Status304NotModified;
        return StatusCodes.Status200OK;
    }

    /// <summary>RFC 3229 10.5.3 and the "feed" instance manipulation (RFC 3229+feed): A-IM: feed.</summary>
    public static bool AcceptsFeedDelta(HttpRequest request) =>
        request.Headers["A-IM"].Any(value => value is not null
            && value.Split(',').Any(token => token.Split(';')[0].Trim().Equals("feed", StringComparison.OrdinalIgnoreCase)));

    public static Variant Variant(this Representation representation, ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => representation.BrotliVariant,
        ContentCoding.Gzip => representation.GzipVariant,
        _ => representation.Identity,
    };
}

/// <summary>The content codings Feed prepares (RFC 9110 8.4.1).</summary>
public enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}
