using System.Text;
using Feed.Server.Hosting;

namespace Feed.Server.Tests.Hosting;

public sealed class StartupWarmupTests
{
    // The warm-up is worth its time only while its story goes the whole way: a story that stopped
    // parsing (a changed rule) would ready nothing, and nobody would notice.
    [Fact]
    public void Warm_up_story_is_read_rendered_and_published_without_a_problem()
    {
        var snapshot = StartupWarmup.Run();

        Assert.NotNull(snapshot);
        var item = Assert.Single(snapshot.Items);
        Assert.Empty(snapshot.Publication.Problems);
        Assert.Contains("<em>emphasis</em>", item.Body.Html, StringComparison.Ordinal);
        var rss = Encoding.UTF8.GetString(snapshot.Document("/feed.xml")!.Identity.Body);
        Assert.Contains("Warm-up", rss, StringComparison.Ordinal);
    }
}
