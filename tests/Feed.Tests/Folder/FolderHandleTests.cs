using Feed.Folder;
using Feed.Testing;

namespace Feed.Tests.Folder;

public class FolderHandleTests
{
    [Fact]
    public void An_open_files_status_is_the_one_dotnet_gives_for_its_path()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var folder = new TempFolder();
        folder.Write("a.md", "A story.\n");
        var path = Path.Combine(folder.Path, "a.md");
        // A time with nanoseconds below .NET's 100 ns tick, as file systems keep them.
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 6, 27, 8, 30, 15, DateTimeKind.Utc).AddTicks(1_234_567));
        using var opened = FolderHandle.Open(folder.Path)!;
        using var handle = opened.OpenFile("a.md");

        var status = FolderHandle.Status(handle);

        Assert.NotNull(status);
        Assert.True(status.Value.IsRegular);
        Assert.Equal(new FileInfo(path).Length, status.Value.Length);
        Assert.Equal(File.GetLastWriteTimeUtc(path), status.Value.LastWriteUtc);
        Assert.Equal(DateTimeKind.Utc, status.Value.LastWriteUtc.Kind);
    }

    [Fact]
    public void A_folder_opened_as_a_file_is_not_regular()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "desk.md"));
        using var opened = FolderHandle.Open(folder.Path)!;
        using var handle = opened.OpenFile("desk.md");

        Assert.False(FolderHandle.Status(handle)!.Value.IsRegular);
    }
}
