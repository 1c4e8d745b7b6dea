using System.Text;
using Feed.Items;

namespace Feed.Tests;

/// <summary>Shorthands for parsing one item from text in a test.</summary>
internal static class Parse
{
    public static readonly FeedSettings Settings = new() { BaseUrl = new Uri("https://news.example.com/") };

    public static readonly DateTimeOffset FileTime = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static ItemParseResult Result(string path, string text, FeedSettings? settings = null) =>
        Result(path, Encoding.UTF8.GetBytes(text), settings);

    public static ItemParseResult Result(string path, byte[] bytes, FeedSettings? settings = null) =>
        ItemParser.Parse(new ItemSource(path, bytes, FileTime), settings ?? Settings);

    public static NewsItem Item(string path, string text, FeedSettings? settings = null)
    {
        var result = Result(path, text, settings);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Item!;
    }

    public static ItemProblem Error(string path, string text, FeedSettings? settings = null) => Error(path, Encoding.UTF8.GetBytes(text), settings);

    public static ItemProblem Error(string path, byte[] bytes, FeedSettings? settings = null)
    {
        var result = Result(path, bytes, settings);
        Assert.Null(result.Item);
        return Assert.Single(result.Problems, p => p.Level == ProblemLevel.Error);
    }
}
