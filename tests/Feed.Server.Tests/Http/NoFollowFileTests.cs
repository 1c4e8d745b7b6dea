using Feed.Server.Http;
using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>The open that serves a file beside the stories follows no link on the way, whenever the link was made.</summary>
public sealed class NoFollowFileTests : IDisposable
{
    readonly TempFolder _root = new();
    readonly TempFolder _outside = new();

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void A_plain_file_opens()
    {
        _root.Write("audio/a.mp3", [1, 2, 3]);
        using var stream = NoFollowFile.Open(_root.Path, "audio/a.mp3");
        Assert.Equal(3, stream!.Length);
    }

    [Fact]
    public void A_folder_swapped_for_a_link_after_the_scan_is_refused()
    {
        _root.Write("audio/a.mp3", [1, 2, 3]);
        _outside.Write("a.mp3", [6, 6, 6]);
        Directory.Delete(Path.Combine(_root.Path, "audio"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "audio"), _outside.Path);
        Assert.Null(NoFollowFile.Open(_root.Path, "audio/a.mp3"));
    }

    [Fact]
    public void A_file_that_is_a_link_is_refused_even_to_a_file_inside()
    {
        _root.Write("a.mp3", [1]);
        File.CreateSymbolicLink(Path.Combine(_root.Path, "b.mp3"), Path.Combine(_root.Path, "a.mp3"));
        Assert.Null(NoFollowFile.Open(_root.Path, "b.mp3"));
    }

    [Theory]
    [InlineData("../x.mp3")]
    [InlineData("a/./b.mp3")]
    [InlineData("/etc/passwd")]
    public void A_path_that_climbs_or_is_absolute_is_refused(string path) => Assert.Null(NoFollowFile.Open(_root.Path, path));
}
