using Newtonsoft.Json.Linq;
using Providers.Emulator;

namespace Providers.SciBox.Tests;

/// <summary>One emulator per test class; each test starts with no faults and an empty request log.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ProvidersEmulator Emulator { get; private set; } = null!;

    public SciBoxOptions Options => new() { Endpoint = Emulator.SciBoxBaseUrl, ApiKey = Emulator.Options.SciBoxApiKey };

    public async Task InitializeAsync() => Emulator = await ProvidersEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public void Reset()
    {
        Emulator.Faults.Clear();
        Emulator.Requests.Clear();
    }

    public IReadOnlyList<RecordedRequest> Requests => Emulator.Requests.For(EmulatedService.SciBox);

    /// <summary>The JSON body of the last request, for snapshots.</summary>
    public JToken LastBody() => JToken.Parse(Requests[^1].Body);

    public FaultBuilder Faults(string route) => Emulator.Faults.For(EmulatedService.SciBox, route);
}
