using System.Diagnostics;
using Feed.Server.Configuration;
using Feed.Server.Operations;
using Feed.Site;
using Feed.Testing;
using Microsoft.Extensions.Options;

namespace Feed.Server.Tests.Configuration;

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
    [InlineData("WebSubHubs", "https://hub.example.com/,hub")]
    [InlineData("CachePurge", "varnish:6081")]
    [InlineData("Icon", "icon.png")]
    [InlineData("Logo", "javascript:alert(1)")]
    [InlineData("Title", "")]
    [InlineData("FeedContent", "excerpt")]
    [InlineData("MaxItemRenderTime", "00:00:00")]
    [InlineData("MaxItemRenderTime", "00:10:00")]
    [InlineData("MaxConcurrentConnections", "0")]
    [InlineData("RenderCacheBytes", "1000")]
    [InlineData("Ledger", "not a connection string")]
    [InlineData("Ledger", "Host=db;Port=fifty")]
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
    public void Several_hubs_are_each_advertised_once_the_single_hub_first()
    {
        var options = new FeedOptions { WebSubHub = "https://a.example/", WebSubHubs = "https://b.example/hub, https://a.example/", CachePurge = "http://10.0.0.5:6081,http://10.0.0.6:6081/" };
        Assert.Empty(options.Validate());
        Assert.Equal(["https://a.example/", "https://b.example/hub"], options.ToSettings().WebSubHubs.Select(u => u.AbsoluteUri));
        Assert.Equal(["http://10.0.0.5:6081/", "http://10.0.0.6:6081/"], options.CacheUrls().Select(u => u.AbsoluteUri));
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
        Assert.Equal((TimeSpan.FromMilliseconds(50), true), (options.ChangeQuietPeriod, options.InlineScheduling));
    }

    [Fact]
    public void Max_item_render_time_defaults_to_a_second_and_reaches_the_settings()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new FeedOptions().ToSettings().MaxItemRenderTime);
        Assert.Equal(TimeSpan.FromMilliseconds(250), new FeedOptions { MaxItemRenderTime = TimeSpan.FromMilliseconds(250) }.ToSettings().MaxItemRenderTime);
    }

    [Theory]
    [InlineData(null, 10_000L)]
    [InlineData("123", 123L)]
    public async Task Max_concurrent_connections_reach_kestrel(string? value, long expected)
    {
        string[] args = ["--urls=http://127.0.0.1:0"];
        await using var app = FeedApp.Build(value is null ? args : [.. args, $"--Feed:MaxConcurrentConnections={value}"]);
        var limits = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.Limits;
        Assert.Equal((expected, expected), (limits.MaxConcurrentConnections, limits.MaxConcurrentUpgradedConnections));
    }

    [Fact]
    public void The_soft_descriptor_limit_is_raised_to_the_hard_one()
    {
        if (FileDescriptorLimit.Current() is not { } before)
            return; // not Linux
        // The dotnet host running these tests raised it already: lowered first, as the native build starts.
        Assert.True(FileDescriptorLimit.SetSoft(Math.Min(before.Maximum, 4096)));
        try
        {
            Assert.Equal(before.Maximum, FileDescriptorLimit.RaiseSoftToHard());
        }
        finally
        {
            FileDescriptorLimit.SetSoft(before.Current);
        }
    }

    [Fact]
    public void A_bad_ledger_connection_string_is_named_without_its_password()
    {
        var failure = Assert.Single(new FeedOptions { Ledger = "Host=db;Password=s3cret;Port=fifty" }.Validate());
        Assert.StartsWith("Feed:Ledger ", failure);
        Assert.DoesNotContain("s3cret", failure);
    }

    [Fact]
    public void Trusted_html_icon_and_logo_reach_the_settings()
    {
        var settings = new FeedOptions { TrustedHtml = true, Icon = "https://e.example/icon.png", Logo = "https://e.example/logo.png" }.ToSettings();
        Assert.Equal((true, "https://e.example/icon.png", "https://e.example/logo.png"), (settings.TrustedHtml, settings.Icon?.AbsoluteUri, settings.Logo?.AbsoluteUri));
        Assert.False(new FeedOptions().ToSettings().TrustedHtml); // sanitized unless the operator says otherwise
    }

    [Fact]
    public void Copyright_sections_and_feed_content_reach_the_settings()
    {
        var settings = new FeedOptions { Copyright = "© 2024 Example News", Sections = false, FeedContent = "Summary" }.ToSettings();
        Assert.Equal(("© 2024 Example News", false, Feed.FeedContent.Summary), (settings.Copyright, settings.Sections, settings.FeedContent));
        var defaults = new FeedOptions().ToSettings();
        Assert.Equal((null, true, Feed.FeedContent.Full), (defaults.Copyright, defaults.Sections, defaults.FeedContent));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Inline_scheduling_is_on_unless_turned_off(string? value, bool inline)
    {
        using var folder = new TempFolder();
        string[] args = ["--urls=http://127.0.0.1:0", $"--Feed:ItemsPath={folder.Path}"];
        await using var app = FeedApp.Build(value is null ? args : [.. args, $"--Feed:InlineScheduling={value}"]);
        var transport = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>>().Value;
        Assert.Equal((inline, !inline), (transport.UnsafePreferInlineScheduling, transport.WaitForDataBeforeAllocatingBuffer));
        Assert.Equal(inline, app.Services.GetRequiredService<FeedOptions>().InlineScheduling);
    }

    [Fact]
    public void Base_url_without_a_trailing_slash_still_roots_every_link()
    {
        var settings = new FeedOptions { BaseUrl = "https://example.com/news" }.ToSettings();
        Assert.Equal("https://example.com/news/2024/06/27/x", SitePaths.Absolute(settings.BaseUrl, "/2024/06/27/x").AbsoluteUri);
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
        var (exitCode, output, errors) = await Program("--urls=http://127.0.0.1:0", "--Feed:BaseUrl=news.example.com");
        Assert.Equal(2, exitCode);
        Assert.Equal(
            "Feed cannot start: Feed:BaseUrl must be an absolute http or https URL with no query, such as https://news.example.com/ (got 'news.example.com').",
            errors);
        Assert.DoesNotContain("   at ", output + errors);
    }

    static async Task<(int ExitCode, string Output, string Errors)> Program(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(FeedApp).Assembly.Location, .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, (await stderr).Trim());
    }

    [Theory]
    [InlineData("--Feed:MaxItems=many", "Feed cannot start: Failed to convert configuration value")]
    [InlineData("--Feed:InlineScheduling=maybe", "Feed cannot start: Failed to convert configuration value 'maybe' at 'Feed:InlineScheduling'")]
    [InlineData("--Feed:BaseUrl=http://[::1]:5000/", "Feed cannot start: Feed:IdAuthority must be set: the host of Feed:BaseUrl cannot be a tag URI authority")]
    [InlineData("--Feed:IdAuthority=a,b+c@example.com", "Feed cannot start: Feed:IdAuthority must be an ASCII domain name")]
    [InlineData("--Feed:IdAuthority=bücher.example", "Feed cannot start: Feed:IdAuthority must be an ASCII domain name")]
    [InlineData("--urls=news.example.com", "Feed cannot start: Urls 'news.example.com'")]
    public async Task A_bad_setting_or_address_is_one_line_and_exit_code_2(string argument, string line)
    {
        var (exitCode, output, errors) = await Program("--urls=http://127.0.0.1:0", argument);
        Assert.Equal(2, exitCode);
        Assert.StartsWith(line, errors);
        Assert.DoesNotContain('\n', errors);
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_code_2()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var folder = new TempFolder();
        var (exitCode, output, errors) = await Program($"--urls=http://127.0.0.1:{port}", $"--Feed:ItemsPath={folder.Path}");
        Assert.Equal(2, exitCode);
        Assert.StartsWith($"Feed cannot start: Failed to bind to address http://127.0.0.1:{port}", errors);
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_starts_nothing()
    {
        var (exitCode, output, _) = await Program("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output);
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public void Defaults_are_stated_once_in_the_library_settings()
    {
        var options = new FeedOptions();
        var defaults = Feed.FeedSettings.Defaults;
        Assert.Equal(defaults with { }, options.ToSettings());
        // appsettings.json restates none of them.
        var appsettings = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        Assert.DoesNotContain("\"Feed\"", appsettings);
    }

    /// <summary>Every setting a user can give is named in --help and has a row in docs/configuration.md.</summary>
    [Fact]
    public void Every_setting_is_in_help_and_on_the_configuration_page()
    {
        var page = File.ReadAllText(Path.Combine(Items.RepositoryRoot, "docs", "configuration.md"));
        var keys = typeof(FeedOptions).GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic).Select(p => p.Name).ToList();
        Assert.Contains("ItemsPath", keys);
        Assert.All(keys, key =>
        {
            Assert.Contains(key, Usage.Text, StringComparison.Ordinal);
            Assert.Contains($"| `Feed:{key}` |", page, StringComparison.Ordinal);
        });
    }
}
