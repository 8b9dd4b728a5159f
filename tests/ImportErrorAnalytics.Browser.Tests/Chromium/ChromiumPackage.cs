namespace ImportErrorAnalytics.Browser.Tests.Chromium;

/// <summary>
/// The one Chromium the browser tests run: npm's <c>@sparticuz/chromium</c>, a headless Chromium for Linux x64 packed
/// as Brotli files in an npm tarball. Pinned by version and by the tarball's SHA-512 as npm's lockfile records it
/// (<c>integrity</c>), so a changed or corrupted download is refused, never run.
/// </summary>
internal static class ChromiumPackage
{
    /// <summary>The package version, and the Chromium major version it ships.</summary>
    public const string Version = "153.0.0";

    /// <summary>The npm registry, unless npm is configured with another one (<see cref="Registry"/>).</summary>
    public const string DefaultRegistry = "https://registry.npmjs.org/";

    /// <summary>The tarball's path under a registry, as npm lays tarballs out.</summary>
    public const string TarballPath = "@sparticuz/chromium/-/chromium-" + Version + ".tgz";

    /// <summary>The tarball's SHA-512, base64, as <c>npm view @sparticuz/chromium@153.0.0 dist.integrity</c> gives it.</summary>
    public const string Sha512 = "jiGWqSvPMdu4+P9TilYqAR7yEGPEHINx+lCvE/NqNO/EHYzF/x1hUiI5T6ioVIt7dEy7n88byyT0vk+dnsgQwA==";

    /// <summary>
    /// Set to a local copy of the tarball (a path or an http(s) address) on a machine that cannot reach the npm registry;
    /// it is checked against <see cref="Sha512"/> all the same.
    /// </summary>
    public const string TarballVariable = "IEA_CHROMIUM_TARBALL";

    /// <summary>
    /// The registry npm itself would ask: <c>npm_config_registry</c> from the environment, else a <c>registry=</c> line of
    /// the user's <c>~/.npmrc</c>, else <see cref="DefaultRegistry"/>. A mirror serves the same bytes, and the hash decides.
    /// </summary>
    public static string Registry()
    {
        var configured = Environment.GetEnvironmentVariable("npm_config_registry") ?? Environment.GetEnvironmentVariable("NPM_CONFIG_REGISTRY");
        var npmrc = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".npmrc");
        if (string.IsNullOrWhiteSpace(configured) && File.Exists(npmrc))
        {
            configured = File.ReadLines(npmrc)
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("registry", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim())
                .LastOrDefault();
        }

        configured = string.IsNullOrWhiteSpace(configured) ? DefaultRegistry : configured;
        return configured.EndsWith('/') ? configured : configured + "/";
    }

    /// <summary>Set to put the unpacked browser elsewhere than this project's obj folder.</summary>
    public const string CacheVariable = "IEA_BROWSER_CACHE";

    /// <summary>
    /// The package's own flags for a headless Chromium in a container, less the ones that weaken the page's security
    /// (the tests check the page's policy) and the single-process ones (Lambda needs them, this machine does not, and
    /// a single-process Chromium closes when a second browser context opens). No sandbox: Chromium refuses one when
    /// run as root, as CI runs; the pages are our own reports.
    /// </summary>
    public static readonly IReadOnlyList<string> Args =
    [
        "--headless=shell",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-webgl",
        "--disable-domain-reliability",
        "--disable-print-preview",
        "--no-default-browser-check",
        "--no-first-run",
        "--no-pings",
        "--disable-background-networking",
        "--disable-component-update",
        "--font-render-hinting=none",
        "--disable-features=AudioServiceOutOfProcess,IsolateOrigins,site-per-process",
    ];
}
