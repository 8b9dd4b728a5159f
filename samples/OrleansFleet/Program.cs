// A fleet of HubSpot accounts on a local Orleans cluster, against fake HubSpot servers: the import grains read every
// import (each account's requests within its budget), and a client asks the fleet grain for the roll-up.
using System.Diagnostics;
using ImportErrorAnalytics.Orleans;
using ImportErrorAnalytics.Reporting;
using OrleansFleet;

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

await using var accounts = await SampleAccounts.StartAsync(options);
await using var local = options.Processes == 0 ? await LocalCluster.StartAsync(options.Silos, accounts) : null;
await using var processes = options.Processes > 0 ? await SiloProcesses.StartAsync(options.Processes, accounts, options.ConsoleTelemetry) : null;
var client = local?.Client ?? processes!.Client;
var layout = local is not null
    ? $"{options.Silos} silos on localhost (silo ports {string.Join(", ", local.SiloPorts)})"
    : $"{options.Processes} iea-silo processes on PostgreSQL (pids {string.Join(", ", processes!.Silos.Select(s => s.ProcessId))})";
Console.WriteLine(
    $"{layout}, {options.Accounts} accounts x {options.ImportsPerAccount} imports x {options.ErrorsPerImport:N0} errors, each account {options.Budget} requests per 10 s");

var writesBefore = processes is null ? null : await PostgresWrites.ReadAsync(processes.ConnectionString);
var fleet = client.GetFleetGrain();
foreach (var (accountId, importIds) in accounts.Imports)
{
    await fleet.StartImportsAsync(accountId, importIds);
}

var clock = Stopwatch.StartNew();
var rollup = await fleet.GetRollupAsync();
Measure.Kill? kill = null;
while (!rollup.IsFinished)
{
    FleetPrinter.Progress(clock.Elapsed, rollup);
    if (processes is not null && kill is null && clock.Elapsed.TotalSeconds >= options.KillAfterSeconds)
    {
        kill = Measure.KillBusiestSilo(processes, rollup);
    }

    await Task.Delay(TimeSpan.FromSeconds(1));
    rollup = await GetRollupAsync(fleet);
}

var elapsed = clock.Elapsed;
FleetPrinter.Progress(elapsed, rollup);
FleetPrinter.Imports(rollup);
FleetPrinter.RequestRates(accounts);
if (processes is not null)
{
    await Task.Delay(TimeSpan.FromSeconds(2));
    Measure.Print(options, rollup, elapsed, kill, accounts, writesBefore!, await PostgresWrites.ReadAsync(processes.ConnectionString));
}
var report = await rollup.CreateReportAsync();
if (report is null)
{
    Console.WriteLine("No import completed.");
    return 1;
}

FleetPrinter.Rollup(report);
if (options.Out is { } path)
{
    // A report holds invalid values, often personal data: readable by its owner only, as iea writes its reports.
    var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
    if (!OperatingSystem.IsWindows())
    {
        fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    }

    await using var file = new FileStream(path, fileOptions);
    await JsonReport.WriteAsync(report, file);
    Console.WriteLine($"  the full JSON report: {path}");
}

return rollup.Imports.All(import => import.State == ImportState.Completed) ? 0 : 1;

// While a killed silo is being declared dead, calls may fail for a few seconds: ask again.
static async Task<FleetRollup> GetRollupAsync(IFleetGrain fleet)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            return await fleet.GetRollupAsync();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException && attempt < 60)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
