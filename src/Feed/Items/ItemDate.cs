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
        var trimmed = text.AsSpan().Trim();
        if (!Rfc3339().IsMatch(trimmed))
            return false;

        // The regex is the grammar; once it matched, each part is where it put it, so the parts
        // are read by place rather than through a Match and its groups (every story has a date).
        // The numbers are read directly: the culture-aware DateTime.TryParseExact was most of a
        // cold start's date cost (bench/build, dotnet-trace).
        var date = trimmed[..10];
        ReadOnlySpan<char> time = "00:00", offset = default;
        if (trimmed.Length > 10)
        {
            var rest = trimmed[11..]; // after the 'T' or space
            var end = rest.IndexOfAnyExcept(TimeCharacters);
            time = end < 0 ? rest : rest[..end];
            offset = end < 0 ? default : rest[end..].TrimStart();
        }
        int year = Number(date[..4]), month = Number(date[5..7]), day = Number(date[8..10]);
        int hour = Number(time[..2]), minute = Number(time[3..5]), second = time.Length >= 8 ? Number(time[6..8]) : 0;
        var fraction = time.Length > 9 ? time[9..] : default;
        long ticks = Number(fraction);
        for (var digits = fraction.Length; digits < 7; digits++)
            ticks *= 10;
        // Year 0 is checked before DaysInMonth, which throws for it.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second).AddTicks(ticks);

        if (offset.IsEmpty)
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

        if (offset is "Z" or "z")
        {
            value = new DateTimeOffset(local, TimeSpan.Zero);
            return true;
        }
        var sign = offset[0] == '-' ? -1 : 1;
        int hours = Number(offset[1..3]), minutes = Number(offset[^2..]); // +HH:MM or +HHMM
        if (hours > 14 || minutes > 59)
            return false;
        var zoneOffset = sign * new TimeSpan(hours, minutes, 0);
        // 0001-01-01T00:00+05:00 is before the first instant DateTimeOffset can hold: not a date Feed can use.
        var utcTicks = local.Ticks - zoneOffset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(local, zoneOffset);
        return true;
    }

    // What a time of day is written with: whatever follows it is the offset, or space before one.
    static readonly System.Buffers.SearchValues<char> TimeCharacters = System.Buffers.SearchValues.Create("0123456789:.");

    static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
            value = value * 10 + (c - '0');
        return value;
    }

    /// <summary>A wall-clock time in a zone; a time skipped by a DST change moves forward.</summary>
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
