using System.Globalization;

namespace Feed.Items;

/// <summary>
/// The running time of an audio or video enclosure, as front matter gives it and podcast apps
/// read it: whole seconds ("1234"), MM:SS ("20:34") or HH:MM:SS ("1:02:03").
/// </summary>
public static class MediaDuration
{
    /// <summary>Seconds, MM:SS or HH:MM:SS; minutes and seconds after a colon are 00-59.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var parts = text.Trim().Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
            return false;
        long total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > int.MaxValue)
                return false;
            // Only the first part may be larger than 59: "90:00" is ninety minutes, "1:90" is a typo.
            if (i > 0 && (value > 59 || parts[i].Length != 2))
                return false;
            total = total * 60 + value;
        }
        if (total <= 0 || total > (long)TimeSpan.FromDays(7).TotalSeconds)
            return false;
        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>Apple's itunes:duration form, HH:MM:SS (the W3C validator's pattern takes it).</summary>
    public static string ForItunes(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours:D2}:{duration.Minutes:D2}:{duration.Seconds:D2}");

    /// <summary>Media RSS's duration attribute: whole seconds.</summary>
    public static string Seconds(TimeSpan duration) => ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
