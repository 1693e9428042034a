using System.Drawing;
using System.Net;
using Providers.ColQwen.Tests.Support;
using Providers.Core;
using Snapshooter.Xunit;

namespace Providers.ColQwen.Tests.Patches;

public sealed class ColQwenPatchesTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ColQwenPatchesTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Asks_for_every_size_in_one_request()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        await client.GetPatchesAsync([new Size(1024, 768), new Size(512, 512)]);

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/patches", request.Path);
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Returns_the_services_grids_for_the_worked_examples()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var grids = await client.GetPatchesAsync([new Size(1024, 768), new Size(512, 512), new Size(794, 1123)]);

        Assert.Equal([new ColQwenPatchGrid(1024, 768, 32, 24), new ColQwenPatchGrid(512, 512, 18, 18), new ColQwenPatchGrid(794, 1123, 23, 32)], grids);
    }

    [Fact]
    public async Task Agrees_with_the_local_calculator_on_many_sizes()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());
        var sizes = (from w in new[] { 1, 13, 42, 70, 333, 640, 1024, 1999, 4096 }
                     from h in new[] { 1, 28, 57, 480, 768, 1123, 3508 }
                     where Math.Max(w, h) <= 200 * Math.Min(w, h)
                     select new Size(w, h)).ToList();

        var remote = await client.GetPatchesAsync(sizes);

        Assert.Equal(sizes.Select(s => ColQwenPatchCalculator.Compute(s.Width, s.Height)), remote);
    }

    [Fact]
    public async Task Asks_for_one_size()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var grid = await client.GetPatchesAsync(512, 512);

        Assert.Equal(18 * 18, grid.PatchCount);
    }

    [Fact]
    public async Task Refuses_a_size_the_service_would_fail_the_whole_request_for_before_sending()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetPatchesAsync([new Size(100, 100), new Size(0, 10)]));

        Assert.Contains("Size 1 (0x10)", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Reports_the_services_plain_text_500_as_a_provider_error()
    {
        _fixture.Faults("patches").FailNext(1, 500, body: "Internal Server Error");
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetPatchesAsync(10, 10));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("Internal Server Error", error.Message);
    }

    [Fact]
    public async Task Sends_nothing_for_no_sizes()
    {
        using var client = new ColQwenClient(_fixture.Options<ColQwenOptions>());

        Assert.Empty(await client.GetPatchesAsync([]));
        Assert.Empty(_fixture.Requests);
    }
}
