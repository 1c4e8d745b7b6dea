using CodeHollow.FeedReader;
using Feed.Testing;

namespace Feed.Server.Tests;

/// <summary>A second opinion: an independent .NET reader of RSS, Atom and JSON Feed reads what we serve.</summary>
public sealed class ReaderTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _folder.Write("2024-06-27-us-backs-operation-azm-e-istehkam.txt", Items.Seed);
        _folder.Write("2024-07-01-tagged.md", Items.Story("Tagged story", "2024-07-01T10:00:00+05:00",
            "A [relative link](/about).", "author: Jane Doe\ntags: [pakistan, security]\nsummary: Short summary.\n"));
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    // CodeHollow reads an RSS 2.0 channel that declares the Media RSS namespace with its MediaRss parser.
    [InlineData("/feed.xml", FeedType.MediaRss)]
    [InlineData("/atom.xml", FeedType.Atom)]
    [InlineData("/feed.json", FeedType.JsonFeed)]
    public async Task An_independent_reader_reads_every_item(string path, FeedType type)
    {
        var feed = FeedReader.ReadFromString(await _server.TextAsync(path));
        Assert.Equal(type, feed.Type);
        Assert.Equal("Example News", feed.Title);
        Assert.Equal(2, feed.Items.Count);

        var tagged = feed.Items[0];
        Assert.Equal("Tagged story", tagged.Title);
        Assert.Equal("https://news.example.com/2024/07/01/tagged", tagged.Link);
        Assert.Equal("tag:news.example.com,2024-07-01:tagged", tagged.Id);
        Assert.Equal(new DateTime(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc), tagged.PublishingDate!.Value.ToUniversalTime());
        Assert.Equal(["pakistan", "security"], tagged.Categories);
        Assert.Contains("https://news.example.com/about", tagged.Content);

        var seed = feed.Items[1];
        Assert.StartsWith("The United States (US) has voiced its support", seed.Title);
        Assert.Contains("<h2>Operation Azm-e-Istehkam</h2>", seed.Content);
    }
}
