using System.Diagnostics;
using Feed.Testing;
using Microsoft.Extensions.Options;

namespace Feed.Server.Tests;

public class FeedOptionsTests
{
    [Theory]
    [InlineData("BaseUrl", "/news/")]
    [InlineData("BaseUrl", "ftp://news.example.com/")]
    [InlineData("MaxItems", "0")]
    [InlineData("TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Language", "english please")]
    [InlineData("CacheMaxAgeSeconds", "-1")]
    [InlineData("IdAuthority", "not a domain")]
    [InlineData("MaxItemBytes", "0")]
    [InlineData("WebSubHub", "hub")]
    [InlineData("Icon", "icon.png")]
    [InlineData("Logo", "javascript:alert(1)")]
    [InlineData("Title", "")]
    public async Task Invalid_setting_stops_start_up_naming_the_key(string key, string value)
    {
        using var folder = new TempFolder();
        await using var app = FeedApp.Build(["--urls=http://127.0.0.1:0", $"--Feed:ItemsPath={folder.Path}", $"--Feed:{key}={value}"]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        var failure = Assert.Single(error.Failures);
        Assert.StartsWith($"Feed:{key} ", failure);
        Assert.Contains($"(got '{value}')", failure);
    }

    [Fact]
    public void Defaults_are_valid_and_documented_values()
    {
        var options = new FeedOptions();
        Assert.Empty(options.Validate());
        var settings = options.ToSettings();
        Assert.Equal(("items", 50, 300, 1024 * 1024L), (options.ItemsPath, settings.MaxItems, options.CacheMaxAgeSeconds, settings.MaxItemBytes));
        Assert.Equal("http://localhost:5000/", settings.BaseUrl.AbsoluteUri);
        Assert.Equal("localhost", settings.EffectiveIdAuthority);
    }

    [Fact]
    public void Trusted_html_icon_and_logo_reach_the_settings()
    {
        var settings = new FeedOptions { TrustedHtml = true, Icon = "https://e.example/icon.png", Logo = "https://e.example/logo.png" }.ToSettings();
        Assert.Equal((true, "https://e.example/icon.png", "https://e.example/logo.png"), (settings.TrustedHtml, settings.Icon?.AbsoluteUri, settings.Logo?.AbsoluteUri));
        Assert.False(new FeedOptions().ToSettings().TrustedHtml); // sanitized unless the operator says otherwise
    }

    [Fact]
    public void Base_url_without_a_trailing_slash_still_roots_every_link()
    {
        var settings = new FeedOptions { BaseUrl = "https://example.com/news" }.ToSettings();
        Assert.Equal("https://example.com/news/items/x", settings.ItemPageUrl("x").AbsoluteUri);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Environment_variables_configure_the_feed_like_appsettings()
    {
        // In a process of its own: an environment variable set here would reach every server
        // that other tests start meanwhile.
        using var folder = new TempFolder();
        folder.Write("2024-01-01-a.md", Items.Story("A"));
        await using var server = await ServerProcess.StartAsync(folder.Path, environment: new Dictionary<string, string> { ["Feed__Description"] = "From the environment" });
        Assert.Contains("<description>From the environment</description>", await server.Client.GetStringAsync("/feed.xml"));
    }

    [Fact]
    public async Task The_real_program_exits_with_one_clear_line_for_a_bad_setting()
    {
        var dll = typeof(FeedApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls=http://127.0.0.1:0", "--Feed:BaseUrl=news.example.com"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, process.ExitCode);
        Assert.Equal(
            "Feed cannot start: Feed:BaseUrl must be an absolute http or https URL with no query, such as https://news.example.com/ (got 'news.example.com').",
            (await stderr).Trim());
        Assert.DoesNotContain("   at ", await stdout + await stderr);
    }
}
