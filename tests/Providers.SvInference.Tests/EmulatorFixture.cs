using Newtonsoft.Json.Linq;
using Providers.Emulator;

namespace Providers.SvInference.Tests;

/// <summary>One emulator per test class; each test starts with no faults and an empty request log.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ProvidersEmulator Emulator { get; private set; } = null!;

    public SvInferenceOptions Options => new() { Endpoint = Emulator.SvInferenceBaseUrl };

    public IReadOnlyList<RecordedRequest> Requests => Emulator.Requests.For(EmulatedService.SvInference);

    public async Task InitializeAsync() => Emulator = await ProvidersEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public void Reset()
    {
        Emulator.Faults.Clear();
        Emulator.Requests.Clear();
    }

    public JToken LastBody() => JToken.Parse(Requests[^1].Body);

    public FaultBuilder Faults(string route) => Emulator.Faults.For(EmulatedService.SvInference, route);
}
