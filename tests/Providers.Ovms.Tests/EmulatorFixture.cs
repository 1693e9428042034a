using Newtonsoft.Json.Linq;
using Providers.Emulator;

namespace Providers.Ovms.Tests;

/// <summary>One emulator per test class; each test starts with no faults and an empty request log.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ProvidersEmulator Emulator { get; private set; } = null!;

    public OvmsOptions Options => new() { Endpoint = Emulator.OvmsBaseUrl, RerankModelId = "BAAI/bge-reranker-large" };

    public IReadOnlyList<RecordedRequest> Requests => Emulator.Requests.For(EmulatedService.Ovms);

    public async Task InitializeAsync() => Emulator = await ProvidersEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public void Reset()
    {
        Emulator.Faults.Clear();
        Emulator.Requests.Clear();
    }

    public JToken LastBody() => JToken.Parse(Requests[^1].Body);

    public FaultBuilder Faults(string route) => Emulator.Faults.For(EmulatedService.Ovms, route);
}
