using System.Globalization;
using System.Text;

namespace Feed.Items.Text;

/// <summary>URL-safe item names: lowercase letters and digits of any script, joined by '-'.</summary>
public static class Slug
{
    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var slug = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark)
            {
                // "é" -> "e"; marks that carry meaning in other scripts stay with their letter.
                if (slug.Length > 0 && !char.IsAscii(slug[^1]))
                    slug.Append(c);
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingDash && slug.Length > 0)
                    slug.Append('-');
                pendingDash = false;
                slug.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingDash = true;
            }
        }
        return slug.ToString().Normalize(NormalizationForm.FormC);
    }

    public static bool IsValid(string slug) => slug.Length > 0 && From(slug) == slug;
}
