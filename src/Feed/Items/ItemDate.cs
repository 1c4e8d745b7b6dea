using System.Globalization;
using System.Text.RegularExpressions;

namespace Feed.Items;

/// <summary>
/// Dates as people write them in items: RFC 3339 (with 'T' or a space, offset optional) or a
/// bare YYYY-MM-DD. A date without an offset is a wall-clock time in the configured zone.
/// </summary>
public static partial class ItemDate
{
    // The grammar's parts, which the file name prefix and the wire story's date marker use too.
    // [0-9], not \d: \d matches digits of every script ("٢٠٢٤"), which the digit reader below cannot read.

    /// <summary>YYYY-MM-DD.</summary>
    public const string DayPattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}";

    /// <summary>HH:MM, seconds and a fraction optional.</summary>
    public const string TimePattern = @"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?";

    /// <summary>Z, or an offset +HH:MM (the colon optional).</summary>
    public const string OffsetPattern = "[Zz]|[+-][0-9]{2}:?[0-9]{2}";

    /// <summary>What separates the day from the time.</summary>
    public const string TimeSeparator = "[Tt ]";

    [GeneratedRegex("^(?<date>" + DayPattern + ")(?:" + TimeSeparator + "(?<time>" + TimePattern + @")\s*(?<offset>" + OffsetPattern + ")?)?$")]
    private static partial Regex Rfc3339();

    public static bool TryParse(string text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        var match = Rfc3339().Match(text.Trim());
        if (!match.Success)
            return false;

        // The regex fixed every digit's place; numbers are read directly, because the culture-aware
        // DateTime.TryParseExact was most of a cold start's date cost (bench/build, dotnet-trace).
        var date = match.Groups["date"].ValueSpan;
        var time = match.Groups["time"].Success ? match.Groups["time"].ValueSpan : "00:00";
        int year = Number(date[..4]), month = Number(date[5..7]), day = Number(date[8..10]);
        int hour = Number(time[..2]), minute = Number(time[3..5]), second = time.Length >= 8 ? Number(time[6..8]) : 0;
        var ticks = time.Length > 9 ? long.Parse(time[9..].ToString().PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
        // Year 0 is checked before DaysInMonth, which throws for it.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second).AddTicks(ticks);

        if (!match.Groups["offset"].Success)
        {
            try
            {
                value = InZone(local, zone);
            }
            catch (ArgumentOutOfRangeException)
            {
                return false; // the first or last hours of the calendar, moved out of range by the zone
            }
            return true;
        }

        var offsetText = match.Groups["offset"].Value;
        if (offsetText is "Z" or "z")
        {
            value = new DateTimeOffset(local, TimeSpan.Zero);
            return true;
        }
        var sign = offsetText[0] == '-' ? -1 : 1;
        var digits = offsetText[1..].Replace(":", "", StringComparison.Ordinal);
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
            return false;
        var offset = sign * new TimeSpan(hours, minutes, 0);
        // 0001-01-01T00:00+05:00 is before the first instant DateTimeOffset can hold: not a date Feed can use.
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>A wall-clock time in a zone; a time skipped by a DST change moves forward.</summary>
    static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
            value = value * 10 + (c - '0');
        return value;
    }

    public static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static string Rfc3339String(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
