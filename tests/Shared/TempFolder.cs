using System.Text;

namespace Feed.Testing;

/// <summary>A real folder under the system temp path, deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "feed-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text) => Write(relativePath, Encoding.UTF8.GetBytes(text));

    public string Write(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Writes through a temporary file and a rename, as careful editors and git do.</summary>
    public string WriteAtomically(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, "." + System.IO.Path.GetFileName(full) + ".tmp");
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
        return full;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    /// <summary>Where a server over this folder keeps its ledger by default (Feed:StatePath): .feed-state/NAME beside it.</summary>
    public string StatePath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, ".feed-state", System.IO.Path.GetFileName(Path));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
            if (Directory.Exists(StatePath))
                Directory.Delete(StatePath, recursive: true);
        }
        catch (IOException)
        {
            // a test that left a file open: the temp folder is cleaned by the system
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
