using Providers.Emulator;

namespace Providers.ColQwen.Tests.Support;

/// <summary>The shared emulator fixture, with options that point this provider at it.</summary>
public sealed class EmulatorFixture() : ServiceEmulatorFixture(EmulatedService.ColQwen)
{
    public T Options<T>(Action<T>? configure = null)
        where T : ColQwenOptions, new()
    {
        var options = new T { Endpoint = Emulator.ColQwenBaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return options;
    }
}
