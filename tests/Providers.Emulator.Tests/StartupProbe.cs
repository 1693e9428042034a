using System.Net;
using Providers.Emulator.Hosting;
namespace Providers.Emulator.Tests;
public sealed class StartupProbe(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        long build = 0, start = 0, stop = 0;
        for (var i = 0; i < 20; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var app = EmulatorApp.Build(new EmulatorOptions(), [], k => k.Listen(IPAddress.Loopback, 0), quiet: true);
            build += sw.ElapsedMilliseconds; sw.Restart();
            await app.StartAsync();
            start += sw.ElapsedMilliseconds; sw.Restart();
            await app.StopAsync(); await app.DisposeAsync();
            stop += sw.ElapsedMilliseconds;
        }
        output.WriteLine($"emu build {build / 20} ms, start {start / 20} ms, stop {stop/20}");
    }
}
