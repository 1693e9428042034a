using Providers.Samples.Notebooks;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await NotebookRunner.RunAsync(args, Console.Out, cancellationToken: cancellation.Token);
