using Providers.Emulator;

namespace Providers.SvInference.Tests;

/// <summary>The shared emulator fixture, with options that point this provider at it.</summary>
public sealed class EmulatorFixture() : ServiceEmulatorFixture(EmulatedService.SvInference)
{
    public SvInferenceOptions Options => new() { Endpoint = Emulator.SvInferenceBaseUrl };
}
