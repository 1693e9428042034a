using System.Net;

namespace Providers.Emulator.Tests.Hosting;

public sealed class AdmissionTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { OvmsApiKey = "ovms-key" };

    [Fact]
    public async Task Refuses_an_unauthenticated_request_before_applying_its_fault_header()
    {
        using var anonymous = Client(EmulatedService.SciBox, authorization: null);
        using var client = Client(EmulatedService.SciBox);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "x-emulator-fault", "status=503" } } };

        var refused = await anonymous.SendAsync(request);
        var next = await client.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData(EmulatedService.SciBox, "v1/models", HttpStatusCode.Unauthorized)]
    [InlineData(EmulatedService.Spirit, "v1/models", HttpStatusCode.Unauthorized)]
    [InlineData(EmulatedService.Ovms, "v3/models", HttpStatusCode.InternalServerError)]
    public async Task Leaves_a_scheduled_fault_to_the_next_authenticated_request(EmulatedService service, string route, HttpStatusCode refusal)
    {
        Emulator.Faults.For(service, route).FailNext(1, 503);
        using var anonymous = Client(service, authorization: null);
        using var client = service switch
        {
            EmulatedService.Spirit => SpiritProxyClient(),
            EmulatedService.Ovms => Client(service, "Bearer ovms-key"),
            _ => Client(service),
        };

        var refused = await anonymous.GetAsync(route);
        var faulted = await client.GetAsync(route);

        Assert.Equal(refusal, refused.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
    }
}
