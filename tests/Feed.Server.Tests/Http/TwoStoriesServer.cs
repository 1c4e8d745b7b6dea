using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>The real server over two stories (the seed, and a Markdown story with a script in it): a fresh one for each test.</summary>
public abstract class TwoStoriesServer : IAsyncLifetime
{
    protected TempFolder Folder { get; } = new();
    protected RunningServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Folder.Write("2024-06-27-us-backs-operation-azm-e-istehkam.txt", Items.Seed);
        Folder.Write("2024-07-01-second.md", Items.Story("Second story", "2024-07-01T10:00:00+05:00", "<script>alert(1)</script>\n\nBody."));
        Server = await RunningServer.StartAsync(Folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static string Hash(byte[] body) =>
        "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16)) + "\"";

    protected static byte[] Decompress(Stream stream)
    {
        using var output = new MemoryStream();
        using (stream)
            stream.CopyTo(output);
        return output.ToArray();
    }
}
