using System.Globalization;
using System.Text.RegularExpressions;
using Feed.Site;

namespace Feed.Items;

/// <summary>RFC 4151 tag URIs: the ids Feed mints for stories and feeds that do not state one.</summary>
public static partial class TagUri
{
    /// <summary>
    /// The date in feed ids. A constant: a feed's id must never change (RFC 4287 4.2.6), and the
    /// year this id scheme was set is a date at which a publisher running Feed held its name.
    /// </summary>
    public const string FeedIdDate = "2024";

    /// <summary>tag:AUTHORITY,YYYY-MM-DD:SPECIFIC, dated by the published instant's UTC date, so writing the same instant with another offset keeps the id.</summary>
    public static string ForItem(string authority, DateTimeOffset published, string slugPath) =>
        $"tag:{authority},{published.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{SitePaths.Escape(slugPath)}";

    /// <summary>The site's feed (null) or a tag's feed.</summary>
    public static string ForFeed(string authority, string? tagSlug) =>
        tagSlug is null ? $"tag:{authority},{FeedIdDate}:feed" : $"tag:{authority},{FeedIdDate}:feed/tags/{Uri.EscapeDataString(tagSlug)}";

    /// <summary>
    /// RFC 4151 section 2.1: authorityName = DNSname / emailAddress, in ASCII (an IDN in punycode).
    /// An IP address literal such as [::1] is not one.
    /// </summary>
    public static bool IsAuthority(string text) => Authority().IsMatch(text);

    /// <summary>A host as an RFC 4151 authority: IDNs to punycode, lowercase; null when it cannot be one.</summary>
    public static string? AuthorityFromHost(Uri baseUrl)
    {
        var host = baseUrl.IdnHost.ToLowerInvariant();
        return IsAuthority(host) ? host : null;
    }

    [GeneratedRegex(@"^(?:[A-Za-z0-9_.-]+@)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex Authority();
}
