using System.Net;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Tests.Hosting;

public sealed class EmulatorHostingTests : EmulatorTest
{
    [Fact]
    public void Serves_every_service_on_loopback_under_a_base_url_ending_in_a_slash()
    {
        Uri[] urls = [Emulator.SvRayBaseUrl, Emulator.SvInferenceBaseUrl, Emulator.SciBoxBaseUrl, Emulator.ColQwenBaseUrl, Emulator.SpiritBaseUrl, Emulator.OvmsBaseUrl];

        Assert.All(urls, u => Assert.Equal("127.0.0.1", u.Host));
        Assert.All(urls, u => Assert.EndsWith("/", u.AbsolutePath, StringComparison.Ordinal));
        Assert.Equal(urls.Length, urls.Distinct().Count());
        Assert.Equal("/scibox/v1/chat/completions", new Uri(Emulator.SciBoxBaseUrl, "v1/chat/completions").AbsolutePath);
    }

    [Fact]
    public async Task Records_each_request_with_secrets_redacted()
    {
        using var client = Client(EmulatedService.SciBox);

        await client.PostAsync("v1/embeddings?trace=1", Json("""{"model":"bge-m3","input":"hello"}"""));
        var recorded = Emulator.Requests.For(EmulatedService.SciBox).Single();

        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/embeddings", recorded.Path);
        Assert.Equal("?trace=1", recorded.Query);
        Assert.Equal("***", recorded.Headers["Authorization"]);
        Assert.Equal("""{"model":"bge-m3","input":"hello"}""", recorded.Body);
        Assert.Equal(recorded.Body.Length, recorded.BodySize);
        Assert.Equal(200, recorded.StatusCode);
        Assert.Empty(Emulator.Requests.For(EmulatedService.Ovms));
    }

    [Fact]
    public async Task Records_requests_that_a_fault_answered()
    {
        Emulator.Faults.For(EmulatedService.ColQwen).FailNext(1, 503);
        using var client = Client(EmulatedService.ColQwen);

        await client.GetAsync("health");

        Assert.Equal(503, Emulator.Requests.For(EmulatedService.ColQwen).Single().StatusCode);
    }

    [Fact]
    public async Task Answers_an_unknown_route_with_404_in_the_services_shape()
    {
        using var client = Client(EmulatedService.ColQwen);

        var response = await client.GetAsync("no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", (await ReadJsonAsync(response))["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("http://0.0.0.0:5100")]
    [InlineData("http://*:5100")]
    [InlineData("http://192.168.1.10:5100")]
    [InlineData("http://127.0.0.1:5100;http://+:5101")]
    public void Refuses_to_listen_off_loopback(string urls)
    {
        var error = Assert.Throws<ArgumentException>(() => LoopbackUrls.Validate(urls));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100")]
    [InlineData("http://localhost:5100")]
    [InlineData("http://[::1]:5100")]
    public void Listens_on_loopback_urls(string urls) => Assert.Single(LoopbackUrls.Validate(urls));

    [Fact]
    public void Takes_repeated_fault_options_out_of_the_dev_server_command_line()
    {
        var (faults, rest) = DevServerArguments.Split(["--urls", "http://127.0.0.1:5100", "--fault", "scibox/v1/embeddings:status=503;count=2", "--fault", "ovms:delay=10|nan"]);

        Assert.Equal(["--urls", "http://127.0.0.1:5100"], rest);
        Assert.Equal([EmulatedService.SciBox, EmulatedService.Ovms, EmulatedService.Ovms], faults.Select(f => f.Service));
        Assert.Equal(["v1/embeddings", null, null], faults.Select(f => f.Route));
    }

    [Fact]
    public void Refuses_a_fault_for_an_unknown_service()
    {
        var error = Assert.Throws<ArgumentException>(() => DevServerArguments.Split(["--fault", "openai:status=500"]));

        Assert.Contains("openai", error.Message, StringComparison.Ordinal);
    }
}
