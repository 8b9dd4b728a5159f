using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// A fake HubSpot CRM Imports API on 127.0.0.1 (a free port): the errors pages, the import object and the list of
/// imports, on both <c>/crm/imports/2026-03</c> and <c>/crm/v3/imports</c>, with HubSpot's auth errors, rate-limit
/// headers and 429 bodies, faults on demand, an optional burst limit and a log of every request.
/// </summary>
/// <example>
/// <code>
/// var options = new FakeHubSpotOptions { BurstLimit = 100 }
///     .AddImport(FakeImport.FromSynthetic("184448894", new SyntheticImport(new() { Errors = 5_000 })));
/// options.Faults.OnRequests([3, 4], Fault.RateLimited(TimeSpan.FromSeconds(1))).Randomly(0.05, Fault.CutOff());
/// await using var server = await FakeHubSpotServer.StartAsync(options);
/// using var http = server.CreateClient(); // BaseAddress and "Authorization: Bearer ..." set
/// var page = await http.GetStringAsync("crm/imports/2026-03/184448894/errors?limit=500");
/// Assert.Empty(server.Requests.UnservedCursors("184448894"));
/// </code>
/// </example>
public sealed class FakeHubSpotServer : IAsyncDisposable
{
    /// <summary>The dated path prefix (<c>/crm/imports/2026-03</c>).</summary>
    public const string DatedPrefix = "/crm/imports/2026-03";

    /// <summary>The older path prefix (<c>/crm/v3/imports</c>).</summary>
    public const string V3Prefix = "/crm/v3/imports";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly FaultInjector _faults;
    private readonly ImportCatalog _imports;
    private int _stopped;

    private FakeHubSpotServer(WebApplication app, CancellationTokenSource stopping, FaultInjector faults, ImportCatalog imports, RequestLog log, Uri baseAddress, string accessToken)
    {
        _app = app;
        _stopping = stopping;
        _faults = faults;
        _imports = imports;
        Requests = log;
        BaseAddress = baseAddress;
        AccessToken = accessToken;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The token the server accepts.</summary>
    public string AccessToken { get; }

    /// <summary>Every request received.</summary>
    public RequestLog Requests { get; }

    /// <summary>Starts a server.</summary>
    /// <param name="options">How it behaves; read now, later changes are not seen.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public static async Task<FakeHubSpotServer> StartAsync(FakeHubSpotOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var imports = new ImportCatalog();
        foreach (var import in options.Imports)
        {
            imports.Set(import.Freeze());
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeHubSpotServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            // A slow drip must not be cut by Kestrel's minimum send rate.
            kestrel.Limits.MinResponseDataRate = null;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        builder.Services.AddSingleton(loggerFactory);

        var stopping = new CancellationTokenSource();
        var app = builder.Build();
        try
        {
            var log = new RequestLog();
            var faults = new FaultInjector(options.Faults);
            var limits = new RateLimits(options.BurstLimit, options.ReportedBurstLimit, options.DailyLimit, options.TimeProvider);
            var endpoints = new ImportEndpoints(imports, options.DefaultPageSize, options.MaxPageSize, options.RejectLimitAboveMaximum);
            var pipeline = new RequestPipeline(
                options, endpoints, faults, limits, log, loggerFactory.CreateLogger("ImportErrorAnalytics.Testing.FakeHubSpot"), stopping.Token);
            app.Run(pipeline.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new FakeHubSpotServer(app, stopping, faults, imports, log, new Uri(address.TrimEnd('/') + "/"), options.AccessToken);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }
    }

    /// <summary>The errors endpoint of an import: <c>{BaseAddress}crm/imports/2026-03/{importId}/errors</c> (or the v3 path).</summary>
    /// <param name="importId">The import id.</param>
    /// <param name="v3">Use <c>/crm/v3/imports</c>.</param>
    public Uri ErrorsUri(string importId, bool v3 = false) => new(BaseAddress, $"{(v3 ? V3Prefix : DatedPrefix)}/{Uri.EscapeDataString(importId)}/errors");

    /// <summary>An <see cref="HttpClient"/> with <see cref="BaseAddress"/> and the accepted bearer token; the caller disposes it.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }

    /// <summary>Adds an import, or replaces the one with the same id (e.g. to move it from PROCESSING to DONE).</summary>
    /// <param name="import">The import; copied now.</param>
    public void AddImport(FakeImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        _imports.Set(import.Freeze());
    }

    /// <summary>Adds a fault rule; its request numbers count from the server's start.</summary>
    /// <param name="rule">The rule.</param>
    public void AddFault(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _faults.Add(rule);
    }

    /// <summary>Hits the next <paramref name="count"/> requests of <paramref name="target"/> with <paramref name="fault"/>.</summary>
    /// <param name="fault">What happens.</param>
    /// <param name="count">How many requests in a row.</param>
    /// <param name="target">Which requests are counted.</param>
    public void FailNext(Fault fault, int count = 1, FaultTarget target = FaultTarget.Errors)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _faults.FailNext(fault, count, target);
    }

    /// <summary>Removes every fault rule, planned or added.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Stops listening: hanging and delayed requests are aborted, others get up to 5 s to finish.</summary>
    /// <param name="cancellationToken">Makes the stop less graceful.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
