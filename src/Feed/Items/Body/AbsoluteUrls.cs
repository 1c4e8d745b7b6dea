using System.Net;
using System.Text.RegularExpressions;
using Feed.Assets;
using Feed.Formats.Html;

namespace Feed.Items.Body;

/// <summary>
/// Makes every relative URL in an item's HTML absolute (against the item's page, or where a served
/// file is: <see cref="StoryLocation"/>): a feed is read far from the site, where "/images/a.jpg"
/// or "../b" would point nowhere.
/// </summary>
public static partial class AbsoluteUrls
{
    // Attributes in tags only: in text and code, '<' is escaped, so no match is possible there.
    [GeneratedRegex("""(?<head><[A-Za-z][A-Za-z0-9-]*\b[^<>]*?\s(?:href|src|poster|cite|action|background)\s*=\s*)(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'=<>`]+))""",
        RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    public static string Resolve(string html, StoryLocation page)
    {
        if (!html.Contains('<', StringComparison.Ordinal))
            return html;
        return UrlAttribute().Replace(html, match =>
        {
            var raw = match.Groups["dq"].Success ? match.Groups["dq"].Value
                : match.Groups["sq"].Success ? match.Groups["sq"].Value
                : match.Groups["bare"].Value;
            var url = WebUtility.HtmlDecode(raw).Trim();
            var absolute = ResolveUrl(page, url);
            return ReferenceEquals(absolute, url) ? match.Value : match.Groups["head"].Value + "\"" + HtmlText.Escape(absolute) + "\"";
        });
    }

    /// <summary>One URL made absolute; a URL with a scheme (https:, mailto:) is returned as it is.</summary>
    public static string ResolveUrl(StoryLocation page, string url) => page.Resolve(url);
}
