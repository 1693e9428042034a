using Newtonsoft.Json.Linq;
using Providers.Emulator;
using Xunit;

namespace Providers.Testing;

/// <summary>
/// One emulator per test class, seen from one service: its request log and its faults. Each test project derives an
/// <c>EmulatorFixture</c> that adds the options of its provider; each test starts with <see cref="Reset"/>.
/// </summary>
/// <param name="service">The service the fixture's requests and faults are about.</param>
public abstract class ServiceEmulatorFixture(EmulatedService service) : IAsyncLifetime
{
    private ProvidersEmulator? _emulator;

    /// <summary>Gets the running emulator.</summary>
    public ProvidersEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>Gets the requests the service received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Emulator.Requests.For(service);

    /// <summary>Gets the emulator's options; a derived fixture may change them before the emulator starts.</summary>
    protected virtual EmulatorOptions CreateOptions() => new();

    public async Task InitializeAsync() => _emulator = await ProvidersEmulator.StartAsync(CreateOptions());

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>Clears the request log and every scheduled fault.</summary>
    public void Reset()
    {
        Emulator.Faults.Clear();
        Emulator.Requests.Clear();
    }

    /// <summary>Schedules faults on one of the service's routes (relative, no leading slash; null for all).</summary>
    public FaultBuilder Faults(string? route) => Emulator.Faults.For(service, route);

    /// <summary>The JSON body of the last request, for snapshots.</summary>
    public JToken LastBody() => JToken.Parse(Requests[^1].Body);
}
