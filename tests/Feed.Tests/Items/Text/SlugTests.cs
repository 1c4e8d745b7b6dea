using Feed.Items.Text;
namespace Feed.Tests.Items.Text;

public class SlugTests
{
    [Theory]
    [InlineData("Hello World", "hello-world")]
    [InlineData("  --Already-slugged--  ", "already-slugged")]
    [InlineData("Ünïcödé Façade", "unicode-facade")]
    [InlineData("Azm-e-Istehkam: what's next?", "azm-e-istehkam-what-s-next")]
    [InlineData("اردو خبریں", "اردو-خبریں")]
    [InlineData("新闻 2024", "新闻-2024")]
    [InlineData("!!!", "")]
    public void Slug_keeps_letters_and_digits_of_any_script_joined_by_dashes(string text, string slug) =>
        Assert.Equal(slug, Slug.From(text));
}
