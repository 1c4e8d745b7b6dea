using Feed.Items.Text;
namespace Feed.Tests.Items.Text;

public class TextDirectionTests
{
    [Theory]
    [InlineData("ur", "rtl")]
    [InlineData("ur-PK", "rtl")]
    [InlineData("ar", "rtl")]
    [InlineData("fa-IR", "rtl")]
    [InlineData("he", "rtl")]
    [InlineData("ps", "rtl")]
    [InlineData("ckb", "rtl")]
    [InlineData("ku-Arab", "rtl")]
    [InlineData("ur-Latn", "ltr")]
    [InlineData("en", "ltr")]
    [InlineData("en-GB", "ltr")]
    [InlineData("zh-Hans", "ltr")]
    [InlineData("AR", "rtl")]
    public void Of_follows_the_script_subtag_else_the_language(string tag, string direction) =>
        Assert.Equal(direction, TextDirection.Of(tag));
}
