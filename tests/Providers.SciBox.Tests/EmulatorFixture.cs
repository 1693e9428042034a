using Providers.Emulator;

namespace Providers.SciBox.Tests;

/// <summary>The shared emulator fixture, with options that point this provider at it.</summary>
public sealed class EmulatorFixture() : ServiceEmulatorFixture(EmulatedService.SciBox)
{
    public SciBoxOptions Options => new() { Endpoint = Emulator.SciBoxBaseUrl, ApiKey = Emulator.Options.SciBoxApiKey };
}
