using Feed.Server.Configuration;
using Feed.Server.Export;
using Feed.Testing;

namespace Feed.Server.Tests.Export;

public sealed class AssetExportTests
{
    [Fact]
    public void Files_beside_the_stories_are_exported_at_every_path_they_are_served_at_and_links_never()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        folder.Write("items/posts/cricket-final/index.md", "---\ntitle: Cricket final\ndate: 2024-03-07\nslug: cricket-final\nimage: trophy.jpg\n---\nKarachi won.\n");
        folder.Write("items/posts/cricket-final/trophy.jpg", [0xFF, 0xD8, 0xFF, 0xD9]);
        folder.Write("items/.hidden/secret.png", [1]);
        outside.Write("passwd.png", [7]);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "items", "linked.png"), Path.Combine(outside.Path, "passwd.png"));
        var options = new FeedOptions { ItemsPath = Path.Combine(folder.Path, "items"), BaseUrl = RunningServer.BaseUrl };
        var outDir = Path.Combine(folder.Path, "site");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        Assert.Equal(0, StaticExport.Run(options, options.ToSettings(), outDir, TimeProvider.System, output, errors));

        Assert.Equal([0xFF, 0xD8, 0xFF, 0xD9], File.ReadAllBytes(Path.Combine(outDir, "posts", "cricket-final", "trophy.jpg")));
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xD9], File.ReadAllBytes(Path.Combine(outDir, "2024", "03", "07", "cricket-final", "trophy.jpg")));
        Assert.False(File.Exists(Path.Combine(outDir, "linked.png")));
        Assert.False(Directory.Exists(Path.Combine(outDir, ".hidden")));
        Assert.Contains("and 2 files beside the stories", output.ToString());
        Assert.Contains("posts/cricket-final/trophy.jpg", File.ReadAllText(Path.Combine(outDir, StaticExport.Marker)));
    }
}
