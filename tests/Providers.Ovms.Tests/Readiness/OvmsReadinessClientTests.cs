using System.Net;
using Providers.Core;
using Providers.Emulator;

namespace Providers.Ovms.Tests.Readiness;

public sealed class OvmsReadinessClientTests
{
    private const string Embedder = "Alibaba-NLP/gte-large-en-v1.5";
    private const string Reranker = "BAAI/bge-reranker-large";

    [Fact]
    public async Task Reports_the_server_and_each_model_ready_once_loaded()
    {
        await using var emulator = await ProvidersEmulator.StartAsync();
        using var client = Client(emulator);

        Assert.True(await client.IsServerReadyAsync());
        Assert.True(await client.IsModelReadyAsync(Embedder));
        var statuses = await client.GetModelStatusesAsync();
        Assert.Equal([Embedder, Reranker], statuses.Keys.Order(StringComparer.Ordinal));
        var version = Assert.Single(statuses[Embedder].Versions);
        Assert.Equal(new OvmsModelVersionStatus("1", OvmsModelState.Available, "OK", "OK"), version);
        Assert.True(statuses[Embedder].IsAvailable);
    }

    [Fact]
    public async Task Reports_not_ready_while_models_load()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsLoadingTime = TimeSpan.FromHours(1) });
        using var client = Client(emulator);

        Assert.False(await client.IsServerReadyAsync());
        Assert.False(await client.IsModelReadyAsync(Embedder));
        var statuses = await client.GetModelStatusesAsync();
        Assert.Equal(OvmsModelState.Loading, statuses[Embedder].Versions[0].State);
        Assert.False(statuses[Embedder].IsAvailable);
    }

    [Fact]
    public async Task Raises_404_for_a_model_the_server_does_not_know()
    {
        await using var emulator = await ProvidersEmulator.StartAsync();
        using var client = Client(emulator);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.IsModelReadyAsync("no/such-model"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Asks_for_a_model_with_a_slash_in_its_name_by_path()
    {
        await using var emulator = await ProvidersEmulator.StartAsync();
        using var client = Client(emulator);

        await client.IsModelReadyAsync(Embedder);

        Assert.Equal("/v2/models/Alibaba-NLP/gte-large-en-v1.5/ready", emulator.Requests.For(EmulatedService.Ovms).Single().Path);
    }

    [Fact]
    public async Task Waits_until_the_server_is_ready()
    {
        // Loading lasts long enough that the first poll finds it still loading even on a busy machine.
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsLoadingTime = TimeSpan.FromSeconds(2) });
        using var client = Client(emulator);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await client.WaitUntilReadyAsync(pollInterval: TimeSpan.FromMilliseconds(50), cancellationToken: timeout.Token);

        Assert.True(await client.IsServerReadyAsync());
        Assert.Contains(emulator.Requests.For(EmulatedService.Ovms), r => r.Path == "/v2/health/ready" && r.StatusCode == 503);
    }

    [Fact]
    public async Task Waits_until_the_named_models_are_available()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsLoadingTime = TimeSpan.FromSeconds(2) });
        using var client = Client(emulator);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await client.WaitUntilReadyAsync([Embedder, Reranker], TimeSpan.FromMilliseconds(50), timeout.Token);

        Assert.True((await client.GetModelStatusesAsync())[Reranker].IsAvailable);
        // A poll that found the models loading, at least one more, and the status read above.
        Assert.True(emulator.Requests.For(EmulatedService.Ovms).Count(r => r.Path == "/v1/config") > 2);
    }

    [Fact]
    public async Task Stops_waiting_for_a_model_the_server_does_not_serve()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsLoadingTime = TimeSpan.FromHours(1) });
        using var client = Client(emulator);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.WaitUntilReadyAsync(["no/such-model"], TimeSpan.FromMilliseconds(50)));

        Assert.Contains($"OVMS serves no model 'no/such-model'; it serves: {Embedder}, {Reranker}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_waiting_when_cancelled()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsLoadingTime = TimeSpan.FromHours(1) });
        using var client = Client(emulator);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitUntilReadyAsync(pollInterval: TimeSpan.FromMilliseconds(50), cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Keeps_waiting_while_the_server_cannot_be_reached()
    {
        using var client = new OvmsReadinessClient(new OvmsOptions { Endpoint = new Uri("http://127.0.0.1:9/") });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitUntilReadyAsync(pollInterval: TimeSpan.FromMilliseconds(50), cancellationToken: cancellation.Token));
    }

    private static OvmsReadinessClient Client(ProvidersEmulator emulator) => new(new OvmsOptions { Endpoint = emulator.OvmsBaseUrl });
}
