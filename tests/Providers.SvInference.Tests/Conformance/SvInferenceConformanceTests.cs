using Microsoft.Extensions.AI;
using Providers.Testing.Conformance;

namespace Providers.SvInference.Tests.Conformance;

public sealed class SvInferenceChatClientConformanceTests(EmulatorFixture fixture) : ChatClientConformanceTests<EmulatorFixture>(fixture)
{
    protected override IChatClient CreateChatClient() => new SvInferenceChatClient(Fixture.Options);
}
