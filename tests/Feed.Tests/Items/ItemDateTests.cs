using Feed.Items;
namespace Feed.Tests.Items;

public class ItemDateTests
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
}
