using System.Globalization;
using System.Text.RegularExpressions;
using Feed.Items;

namespace Feed.Tests.Items;

public partial class ItemDateTests
{
    static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    [Theory]
    [InlineData("2024-06-27", "2024-06-27T00:00:00+05:00")]
    [InlineData("2024-06-27T14:30:00+05:00", "2024-06-27T14:30:00+05:00")]
    [InlineData("2024-06-27T14:30:00Z", "2024-06-27T14:30:00+00:00")]
    [InlineData("2024-06-27t14:30:00z", "2024-06-27T14:30:00+00:00")]
    [InlineData("2024-06-27 14:30:00 -0400", "2024-06-27T14:30:00-04:00")]
    [InlineData("2024-06-27T14:30", "2024-06-27T14:30:00+05:00")]
    [InlineData("2024-06-27T14:30:00.123Z", "2024-06-27T14:30:00.123+00:00")]
    [InlineData("2024-06-27T14:30:00", "2024-06-27T14:30:00+05:00")]
    public void Parses_rfc3339_and_bare_dates_with_offsetless_times_in_the_zone(string text, string expected)
    {
        Assert.True(ItemDate.TryParse(text, Karachi, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("June 27, 2024")]
    [InlineData("2024-6-27")]
    [InlineData("2024-06-27T25:00:00Z")]
    [InlineData("2024-06-27T10:00:00+15:00")]
    [InlineData("2023-02-29")]
    [InlineData("0000-01-01")] // year 0 threw inside TryParse ("a bug in Feed")
    [InlineData("0001-01-01T00:00:00+05:00")] // before the first instant DateTimeOffset holds
    [InlineData("0001-01-01")] // midnight in +05:00 is before it too
    [InlineData("9999-12-31T23:00:00-05:00")] // after the last
    [InlineData("٢٠٢٤-٠٦-٢٧")] // \d matched Arabic-Indic digits, which the digit reader misread
    [InlineData("２０２４-０６-２７")]
    public void Refuses_anything_else(string text) => Assert.False(ItemDate.TryParse(text, Karachi, out _));

    [Fact]
    public void A_time_skipped_by_daylight_saving_moves_forward()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.True(ItemDate.TryParse("2024-03-10T02:30:00", newYork, out var value));
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 3, 0, 0, TimeSpan.FromHours(-4)), value);
    }

    [Fact]
    public void Reading_the_parts_by_place_agrees_with_reading_the_grammars_groups()
    {
        // Date-like texts, most of them in the grammar and some just off it: every one must
        // read as the grammar's own groups read it (the reference below), or be refused by both.
        var random = new Random(20261206);
        string[] days = ["2024-06-27", "2023-02-29", "0001-01-01", "9999-12-31", "2024-12-31", "2024-6-27", "٢٠٢٤-٠٦-٢٧"];
        string[] separators = ["T", "t", " ", "", "x"];
        string[] times = ["14:30", "14:30:59", "14:30:00.5", "23:59:59.1234567", "14:30:00.12345678", "24:00", "14:3", "14:30:", "00:00:60"];
        string[] spaces = ["", "", " ", "\t", "\u2003"];
        string[] offsets = ["", "Z", "z", "+05:30", "-04:00", "+0530", "-0945", "+14:00", "+15:00", "+05:60", "+5:30", "+05:3"];
        const string noise = "0123456789:.+-Tz \t";
        var texts = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var text = days[random.Next(days.Length)];
            if (random.Next(5) > 0)
                text += separators[random.Next(separators.Length)] + times[random.Next(times.Length)] + spaces[random.Next(spaces.Length)] + offsets[random.Next(offsets.Length)];
            if (random.Next(4) == 0)
            {
                var at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Remove(at, 1),
                    1 => text.Insert(at, noise[random.Next(noise.Length)].ToString()),
                    _ => text.Remove(at, 1).Insert(at, noise[random.Next(noise.Length)].ToString()),
                };
            }
            texts.Add(spaces[random.Next(spaces.Length)] + text + spaces[random.Next(spaces.Length)]);
        }
        Assert.True(texts.Count(t => ByGroups(t, Karachi, out _)) > texts.Count / 10, "too few of the texts are dates to compare readings");
        foreach (var text in texts)
        {
            var read = ItemDate.TryParse(text, Karachi, out var value);
            var expected = ByGroups(text, Karachi, out var expectedValue);
            Assert.True(read == expected, $"'{text}': {read}, the grammar's groups say {expected}");
            Assert.Equal((expectedValue, expectedValue.Offset), (value, value.Offset));
        }
    }

    // The reading by a Match's groups that the reading by place replaced: the reference.
    static bool ByGroups(string text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        var match = Grammar().Match(text.Trim());
        if (!match.Success)
            return false;
        var date = match.Groups["date"].Value;
        var time = match.Groups["time"].Success ? match.Groups["time"].Value : "00:00";
        int year = int.Parse(date[..4], CultureInfo.InvariantCulture), month = int.Parse(date[5..7], CultureInfo.InvariantCulture), day = int.Parse(date[8..10], CultureInfo.InvariantCulture);
        int hour = int.Parse(time[..2], CultureInfo.InvariantCulture), minute = int.Parse(time[3..5], CultureInfo.InvariantCulture);
        var second = time.Length >= 8 ? int.Parse(time[6..8], CultureInfo.InvariantCulture) : 0;
        var ticks = time.Length > 9 ? long.Parse(time[9..].PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second).AddTicks(ticks);
        if (!match.Groups["offset"].Success)
        {
            try
            {
                value = ItemDate.InZone(local, zone);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }
        var offsetText = match.Groups["offset"].Value;
        if (offsetText is "Z" or "z")
        {
            value = new DateTimeOffset(local, TimeSpan.Zero);
            return true;
        }
        var digits = offsetText[1..].Replace(":", "", StringComparison.Ordinal);
        int hours = int.Parse(digits[..2], CultureInfo.InvariantCulture), minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
            return false;
        var offset = (offsetText[0] == '-' ? -1 : 1) * new TimeSpan(hours, minutes, 0);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }

    [GeneratedRegex("^(?<date>" + ItemDate.DayPattern + ")(?:" + ItemDate.TimeSeparator + "(?<time>" + ItemDate.TimePattern + @")\s*(?<offset>" + ItemDate.OffsetPattern + ")?)?$")]
    private static partial Regex Grammar();
}
