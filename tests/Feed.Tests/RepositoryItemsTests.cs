using Feed.Folder;
using Feed.Publishing;
namespace Feed.Tests;

/// <summary>The items/ folder a new user serves first: every example must publish cleanly.</summary>
public class RepositoryItemsTests
{
    [Fact]
    public void Every_item_in_the_repository_reads_without_a_problem()
    {
        var scan = new ItemFolder(Path.Combine(Repository.Root, "items"), new FeedSettings()).Scan();
        Assert.DoesNotContain(scan.Problems, p => p.Level != ProblemLevel.Debug);
        var published = Publication.Select(scan.Items, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Items;
        Assert.Equal(
            ["example-wire-copy-with-tags", "example-markdown-story", "us-backs-operation-azm-e-istehkam"],
            published.Select(i => i.Slug));
    }
}
