using Feed.Items;

namespace Feed.Tests.Items;

public class MediaDurationTests
{
    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("20:34", 1234)]
    [InlineData("0:20:34", 1234)]
    [InlineData("1:02:03", 3723)]
    [InlineData("90:00", 5400)]     // the first part may pass 59
    [InlineData(" 45 ", 45)]
    public void Seconds_mm_ss_and_hh_mm_ss_are_read(string text, int seconds)
    {
        Assert.True(MediaDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("twenty minutes")]
    [InlineData("1:90")]            // seconds past 59: a typo
    [InlineData("1:5")]             // one digit after a colon
    [InlineData("1:02:03:04")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("12.5")]
    [InlineData("PT20M")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(MediaDuration.TryParse(text, out _));

    [Fact]
    public void Itunes_gets_hh_mm_ss_and_media_rss_seconds()
    {
        Assert.Equal("00:20:34", MediaDuration.ForItunes(TimeSpan.FromSeconds(1234)));
        Assert.Equal("26:00:00", MediaDuration.ForItunes(TimeSpan.FromHours(26)));
        Assert.Equal("1234", MediaDuration.Seconds(TimeSpan.FromSeconds(1234)));
    }
}
