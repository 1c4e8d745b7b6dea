using Microsoft.Win32.SafeHandles;

namespace Feed.Items.Body;

/// <summary>
/// Markdown bodies waiting to be rendered, kept in a temporary file instead of on the heap: at
/// 100,000 items they are about 200 MB that a feed may never show, and every garbage collection
/// of the cold start would otherwise copy them. The file is deleted as soon as it is open, so
/// nothing is left behind however the process ends; its pages live in the operating system's
/// cache, which gives them back under pressure. Appends and reads are positional, so any number
/// of threads may use it at once.
/// </summary>
public sealed class BodyStore : IDisposable
{
    readonly SafeFileHandle _file;
    long _length;

    BodyStore(SafeFileHandle file) => _file = file;

    /// <summary>A store in <paramref name="folder"/> (the temporary folder by default), or null where none can be made.</summary>
    public static BodyStore? TryCreate(string? folder = null)
    {
        var path = Path.Combine(folder ?? Path.GetTempPath(), $"feed-bodies-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, FileOptions.DeleteOnClose);
            try
            {
                File.Delete(path); // only the handle knows it now
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Where an open file cannot be deleted, DeleteOnClose removes it at the end.
            }
            return new BodyStore(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // a read-only or full disk: the bodies stay in memory
        }
    }

    /// <summary>Bytes written so far, dead ones included.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>Appends <paramref name="bytes"/> and returns where they start.</summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        var offset = Interlocked.Add(ref _length, bytes.Length) - bytes.Length;
        RandomAccess.Write(_file, bytes, offset);
        return offset;
    }

    public byte[] Read(long offset, int length)
    {
        var bytes = new byte[length];
        var done = 0;
        while (done < length)
        {
            var read = RandomAccess.Read(_file, bytes.AsSpan(done), offset + done);
            if (read == 0)
                throw new IOException("the body store ended early");
            done += read;
        }
        return bytes;
    }

    public void Dispose() => _file.Dispose();
}
