// Middleware: a batch of 40 texts split into requests of 16, sent two at a time, each retried on its own when the
// service throttles it (honouring Retry-After), reassembled in order; and the Providers meter reporting what
// happened. Against the emulator the notebook makes SciBox answer the first request with 429 to show a retry.
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run samples/notebooks/middleware.cs
#:project ../../src/Providers.SciBox/Providers.SciBox.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Emulator;
using Providers.Samples;
using Providers.SciBox;

await using var services = new SampleServices(Console.Out);
var scibox = await services.SciBoxAsync();
using IEmbeddingGenerator<string, Embedding<float>> generator =
    new SciBoxEmbeddingGenerator(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey })
        .AsBuilder()
        .UseBatching(o => { o.MaxBatchSize = 16; o.MaxConcurrency = 2; })
        .UseRetry(o => { o.MaxAttempts = 4; o.BaseDelay = TimeSpan.FromMilliseconds(200); })
        .UseOpenTelemetry()
        .Build();

// What the middleware reports, read here with a MeterListener; in an application, AddMeter(ProvidersTelemetry.SourceName).
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) =>
{
    if (instrument.Meter.Name == ProvidersTelemetry.SourceName)
    {
        l.EnableMeasurementEvents(instrument);
    }
};
var report = TextWriter.Synchronized(Console.Out); // batches run concurrently
listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => report.WriteLine($"  {instrument.Name}: {value}"));
listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => report.WriteLine($"  {instrument.Name}: {value}"));
listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
{
    if (instrument.Name == "providers.client.throttled_wait")
    {
        report.WriteLine($"  {instrument.Name}: {value:F1} s");
    }
});
listener.Start();

if (scibox.IsEmulated)
{
    services.Emulator!.Faults.For(EmulatedService.SciBox, "v1/embeddings").FailNext(1, 429, retryAfter: "0.2");
}

var texts = Enumerable.Range(1, 40).Select(i => $"sentence number {i}").ToList();
var embeddings = await generator.GenerateAsync(texts);

Console.WriteLine($"{embeddings.Count} embeddings for {texts.Count} texts, {embeddings[0].Vector.Length} dimensions each, " +
    $"{embeddings.Usage?.InputTokenCount} tokens");
