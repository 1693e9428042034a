using Providers.Emulator;

namespace Providers.Ovms.Tests;

/// <summary>The shared emulator fixture, with options that point this provider at it.</summary>
public sealed class EmulatorFixture() : ServiceEmulatorFixture(EmulatedService.Ovms)
{
    public OvmsOptions Options => new() { Endpoint = Emulator.OvmsBaseUrl, RerankModelId = "BAAI/bge-reranker-large" };
}
