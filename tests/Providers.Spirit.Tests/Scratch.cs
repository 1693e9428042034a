using Providers.Spirit.Tests.Support;
using Xunit.Abstractions;

namespace Providers.Spirit.Tests;

public sealed class Scratch(ITestOutputHelper output)
{
    [Fact]
    public async Task Debug_ttl()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritGpuAvailable = false);
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("{}"), new SpiritSubmitOptions { TimeToLive = TimeSpan.FromMilliseconds(150) });
        for (int i = 0; i < 10; i++)
        {
            var s = await job.GetStatusAsync();
            output.WriteLine($"{s} {s.Message}");
            await Task.Delay(100);
        }
        output.WriteLine("disposing");
    }
}
