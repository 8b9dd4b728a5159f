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
await using var cluster = await LocalCluster.StartAsync(options.Silos, accounts);
Console.WriteLine(
    $"{options.Silos} silos on localhost (silo ports {string.Join(", ", cluster.SiloPorts)}), {options.Accounts} accounts x {options.ImportsPerAccount} imports x {options.ErrorsPerImport:N0} errors, each account {options.Budget} requests per 10 s");

var fleet = cluster.Client.GetFleetGrain();
foreach (var (accountId, importIds) in accounts.Imports)
{
    await fleet.StartImportsAsync(accountId, importIds);
}

var clock = Stopwatch.StartNew();
var rollup = await fleet.GetRollupAsync();
while (!rollup.IsFinished)
{
    FleetPrinter.Progress(clock.Elapsed, rollup);
    await Task.Delay(TimeSpan.FromSeconds(1));
    rollup = await fleet.GetRollupAsync();
}

FleetPrinter.Progress(clock.Elapsed, rollup);
FleetPrinter.Imports(rollup);
FleetPrinter.RequestRates(accounts);
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
