using Microsoft.Extensions.AI;
using Providers.Spirit.Tests.Proxy;
using Providers.Testing.Conformance;

namespace Providers.Spirit.Tests.Conformance;

public sealed class SpiritProxyChatClientConformanceTests(ProxyEmulatorFixture fixture) : ChatClientConformanceTests<ProxyEmulatorFixture>(fixture)
{
    protected override IChatClient CreateChatClient() => new SpiritProxyChatClient(Fixture.Options());
}

public sealed class SpiritOllamaChatClientConformanceTests(ProxyEmulatorFixture fixture) : ChatClientConformanceTests<ProxyEmulatorFixture>(fixture)
{
    protected override IChatClient CreateChatClient() => new SpiritOllamaChatClient(Fixture.Options());
}
