using System.Security.Cryptography;
using System.Text;

namespace Feed.Formats.Syndication;

/// <summary>
/// podcast:guid as the Podcasting 2.0 namespace derives it
/// (https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md#guid): a UUIDv5
/// (RFC 9562 5.5) in the namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6 of the feed's URL with the
/// scheme ("https://") and trailing slashes stripped. Directories compute the same value from the
/// URL, so a show keeps its identity when it is found again at the same address.
/// </summary>
public static class PodcastGuid
{
    static readonly Guid Namespace = new("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

    public static Guid Of(Uri feedUrl)
    {
        var url = feedUrl.AbsoluteUri;
        var name = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        return Version5(Namespace, name);
    }

    /// <summary>RFC 9562 5.5: SHA-1 of the namespace's bytes (network order) and the name's UTF-8, version 5, variant 10.</summary>
    public static Guid Version5(Guid ns, string name)
    {
        Span<byte> input = stackalloc byte[16];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        input.CopyTo(bytes);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(bytes, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
