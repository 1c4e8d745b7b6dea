using Feed.Documents;
using Feed.Folder;
using Feed.Publishing;
namespace Feed.Tests;

/// <summary>The fixed fixture folder (Fixtures/items) the golden files are made from.</summary>
internal static class Fixture
{
    public static readonly string ItemsPath = Path.Combine(Repository.TestsDirectory, "Fixtures", "items");

    /// <summary>A fixed "now" between the published items and the one dated 2030.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly FeedSettings Settings = new()
    {
        Title = "Example News",
        Description = "Stories from the example newsroom.",
        BaseUrl = new Uri("https://news.example.com/"),
        Language = "en",
        Author = "Example Newsroom",
        WebSubHub = new Uri("https://hub.example.com/"),
        Icon = new Uri("https://news.example.com/icon.png"),
        Logo = new Uri("https://news.example.com/logo.png"),
        Copyright = "© 2024 Example News",
    };

    public static FolderScan Scan() => new ItemFolder(ItemsPath, Settings).Scan();

    public static FeedSnapshot Snapshot() => FeedSnapshot.Build(Publication.Select(Scan().Items, Now), Settings);

    public static FeedDocument Document() =>
        new(Settings.Title, Settings.Description, Settings.BaseUrl, Publication.Select(Scan().Items, Now).Items) { Id = Settings.FeedId(null) };
}
