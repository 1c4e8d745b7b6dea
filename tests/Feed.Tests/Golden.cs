using System.Text;

namespace Feed.Tests;

/// <summary>Byte-for-byte comparison with a file under Golden/; UPDATE_GOLDEN=1 rewrites it, so every output change shows in review.</summary>
internal static class Golden
{
    public static void Match(string name, byte[] actual)
    {
        var path = Path.Combine(Repository.TestsDirectory, "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            Assert.Fail($"{name}: same text, different bytes (a BOM or line endings?)");
        }
    }
}
