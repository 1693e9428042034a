using Newtonsoft.Json.Linq;
using Providers.Emulator;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>One emulator per test class for the proxy-mode clients; each test starts with no faults and an empty log.</summary>
public sealed class ProxyEmulatorFixture : IAsyncLifetime
{
    public ProvidersEmulator Emulator { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => Emulator.Requests.For(EmulatedService.Spirit);

    public async Task InitializeAsync() => Emulator = await ProvidersEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public SpiritProxyOptions Options(string? apiKey = null) => new()
    {
        Endpoint = Emulator.SpiritBaseUrl,
        ServerlessId = Emulator.Options.SpiritServerlessId,
        ApiKey = apiKey ?? Emulator.Options.SpiritApiKey,
    };

    public void Reset()
    {
        Emulator.Faults.Clear();
        Emulator.Requests.Clear();
    }

    public JToken LastBody() => JToken.Parse(Requests[^1].Body);

    public FaultBuilder Faults(string route) => Emulator.Faults.For(EmulatedService.Spirit, route);
}
