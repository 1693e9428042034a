using System.Diagnostics;
using System.Net;

namespace Providers.Emulator.Tests.Hosting;

public sealed class RequestSizeLimitTests : EmulatorTest
{
    // Just over the 8 MiB a text route takes: about 1.3 million words.
    private static readonly string ManyWords = string.Concat(Enumerable.Repeat("lorem ", (9 * 1024 * 1024) / 6));

    [Fact]
    public async Task Refuses_a_text_body_over_the_routes_limit_at_once_with_413_in_the_services_shape()
    {
        using var client = Client(EmulatedService.SciBox);
        var started = Stopwatch.StartNew();

        var (response, body) = await PostAsync(client, "v1/embeddings", $$"""{"model":"bge-m3","input":"{{ManyWords}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("413", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("litellm.BadRequestError: Request body too large: this route takes at most 8388608 bytes.", body["error"]!["message"]!.GetValue<string>());
        Assert.True(response.Headers.Contains("x-litellm-call-id"));
        Assert.Equal(413, Emulator.Requests.For(EmulatedService.SciBox).Single().StatusCode);

        // A generous bound: embedding the words instead took tens of seconds on a loaded 2-core machine.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"answered after {started.Elapsed}");
    }

    [Fact]
    public async Task Refuses_a_chunked_body_once_it_crosses_the_limit()
    {
        using var client = Client(EmulatedService.ColQwen);
        using var request = new HttpRequestMessage(HttpMethod.Post, "embed/queries") { Content = Json($$"""{"queries":"{{ManyWords}}"}""") };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal("chunked", Emulator.Requests.For(EmulatedService.ColQwen).Single().Headers["Transfer-Encoding"]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("Request body too large", (await ReadJsonAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_Spirit_body_over_20_MB_with_its_own_400()
    {
        using var client = Client(EmulatedService.Spirit);
        var padding = new string(' ', 21 * 1024 * 1024);

        var (response, body) = await PostAsync(client, $"v1/{Emulator.Options.SpiritServerlessId}/sync", $$"""{"input":{}{{padding}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"body too large"}""", body.ToJsonString());
    }
}
