using ImportErrorAnalytics.Cli;

return await IeaCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
