using Providers.Emulator;

namespace Providers.SvRay.Tests.Support;

/// <summary>The shared emulator fixture, with options that point this provider at it.</summary>
public sealed class EmulatorFixture() : ServiceEmulatorFixture(EmulatedService.SvRay)
{
    public T Options<T>(Action<T>? configure = null)
        where T : SvRayEmbeddingOptionsBase, new()
    {
        var options = new T { Endpoint = Emulator.SvRayBaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return options;
    }
}
