using Providers.Emulator;

namespace Providers.ColQwen.Tests.Support;

/// <summary>One emulator per test class; each test starts from an empty request log and no scheduled faults.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private ProvidersEmulator? _emulator;

    public ProvidersEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public IReadOnlyList<RecordedRequest> Requests => Emulator.Requests.For(EmulatedService.ColQwen);

    public async Task InitializeAsync() => _emulator = await ProvidersEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    public void Reset()
    {
        Emulator.Requests.Clear();
        Emulator.Faults.Clear();
    }

    public FaultBuilder FaultsOn(string route) => Emulator.Faults.For(EmulatedService.ColQwen, route);

    public T Options<T>(Action<T>? configure = null)
        where T : ColQwenOptions, new()
    {
        var options = new T { Endpoint = Emulator.ColQwenBaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return options;
    }
}
