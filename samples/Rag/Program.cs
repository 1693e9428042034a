using Providers.Samples.Rag;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await RagSample.RunAsync(args, Console.Out, cancellationToken: cancellation.Token);
