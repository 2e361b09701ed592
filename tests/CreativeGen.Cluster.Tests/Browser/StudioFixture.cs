using CreativeGen.Client.Gateway;
using CreativeGen.Ml.Music.Audio;
using CreativeGen.Ml.Tests;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace CreativeGen.Cluster.Tests.Browser;

/// <summary>
/// The real gateway (embedded silo, the shipped default models, WAV through fluidsynth) on a loopback port, and a
/// headless Chromium driven by chromedriver (Debian packages `chromium` and `chromium-driver`, which
/// deploy/scripts/install-test-dependencies.sh installs). Without them the browser tests skip with the reason,
/// except under CI=true, where they fail: CI must run them. CHROMIUM and CHROMEDRIVER override the paths.
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    private readonly TempDirectory state = TestSupport.TempDirectory();
    private WebApplication? app;
    private string? missing;

    public ChromeDriver Driver { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where this run's screenshots go: CREATIVEGEN_SCREENSHOTS, else artifacts/studio-screenshots in the repository.</summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("CREATIVEGEN_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(TestData.RepositoryRoot, "artifacts", "studio-screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
        var chromedriver = Environment.GetEnvironmentVariable("CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        missing = !File.Exists(chromium) ? $"Chromium not found at {chromium} (Debian package chromium; CHROMIUM overrides the path)"
            : !File.Exists(chromedriver) ? $"chromedriver not found at {chromedriver} (Debian package chromium-driver; CHROMEDRIVER overrides the path)"
            : MidiAudioRenderer.FindFluidSynth() is null || MidiAudioRenderer.FindSoundFont() is null ? "fluidsynth or a GM soundfont is not installed"
            : null;
        if (missing is not null) return;

        var options = new GatewayOptions
        {
            Url = "http://127.0.0.1:0",
            Silo = { StateDirectory = state.Path, SiloPort = TestSupport.FreePort(), GatewayPort = TestSupport.FreePort(), ClusterId = "studio-test" },
        };
        app = GatewayApplication.Build(options); // the shipped models, as `creativegen serve` runs them
        await app.StartAsync();
        BaseUrl = GatewayApplication.ListeningUrl(app);

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var browser = new ChromeOptions { BinaryLocation = chromium };
        browser.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
            "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--lang=en-GB");
        Driver = new ChromeDriver(service, browser, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Skips the calling test when the browser or synthesizer is missing, or fails it under CI=true.</summary>
    public void RequireBrowser()
    {
        if (missing is null) return;
        if (TestData.IsContinuousIntegration) throw new InvalidOperationException(missing + "; CI=true requires it (.ci/run installs it).");
        throw new SkipException(missing + " (.ci/run installs it).");
    }

    public async Task DisposeAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        state.Dispose();
    }
}
