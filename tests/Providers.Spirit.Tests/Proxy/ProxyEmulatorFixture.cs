using Providers.Emulator;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>The shared emulator fixture, with options that point this provider at it.</summary>
public sealed class ProxyEmulatorFixture() : ServiceEmulatorFixture(EmulatedService.Spirit)
{
    public SpiritProxyOptions Options(string? apiKey = null) => new()
    {
        Endpoint = Emulator.SpiritBaseUrl,
        ServerlessId = Emulator.Options.SpiritServerlessId,
        ApiKey = apiKey ?? Emulator.Options.SpiritApiKey,
    };

    public SpiritProxyEmbeddingOptions EmbeddingOptions(string? apiKey = null) => new()
    {
        Endpoint = Emulator.SpiritBaseUrl,
        ServerlessId = Emulator.Options.SpiritServerlessId,
        ApiKey = apiKey ?? Emulator.Options.SpiritApiKey,
    };
}
