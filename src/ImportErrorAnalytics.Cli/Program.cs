using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Cli.Hosting;

JitRelaunch.Arguments = args;
return await IeaCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
