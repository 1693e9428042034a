using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Providers.Emulator.Tests.SvInference;

public sealed class SvInferenceTests : EmulatorTest
{
    private const string Model = "Qwen/Qwen2.5-VL-72B-Instruct";

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", "PNG")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", "JPEG")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", "WEBP")]
    public async Task Describes_a_real_image_sent_as_a_data_URI(SKEncodedImageFormat format, string mediaType, string name)
    {
        using var client = Client(EmulatedService.SvInference);

        var body = await ReadJsonAsync(await client.PostAsync("v1/chat/completions", Json(Request(ImagePart($"data:{mediaType};base64,{TestImages.Base64(40, 30, SKColors.Green, format)}")))));

        Assert.Equal($"I see a 40x30 {name} image, mostly green.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    // vLLM registers its error handler for FastAPI's HTTPException only; Starlette's router raises its own, so an
    // unknown route gets Starlette's body, not vLLM's error shape.
    [Fact]
    public async Task Answers_an_unknown_route_with_Starlettes_404()
    {
        using var client = Client(EmulatedService.SvInference);

        var response = await client.GetAsync("v1/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"detail":"Not Found"}""", (await ReadJsonAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task Refuses_a_data_URI_that_is_not_an_image_with_vLLMs_400()
    {
        using var client = Client(EmulatedService.SvInference);

        var response = await client.PostAsync("v1/chat/completions", Json(Request(ImagePart("data:image/png;base64,aGVsbG8gd29ybGQ="))));
        var error = (await ReadJsonAsync(response))["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequestError", error["type"]!.GetValue<string>());
        Assert.Null(error["param"]);
    }

    [Fact]
    public async Task Refuses_more_images_than_the_prompt_limit()
    {
        using var client = Client(EmulatedService.SvInference);
        var image = ImagePart($"data:image/png;base64,{TestImages.Base64(8, 8, SKColors.Red)}");

        var response = await client.PostAsync("v1/chat/completions", Json(Request([.. Enumerable.Range(0, 5).Select(_ => image.DeepClone())])));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("At most 4 image(s) may be provided in one prompt.", (await ReadJsonAsync(response))["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_local_files()
    {
        using var client = Client(EmulatedService.SvInference);

        var response = await client.PostAsync("v1/chat/completions", Json(Request(ImagePart("file:///etc/passwd"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Lists_its_model()
    {
        using var client = Client(EmulatedService.SvInference);

        var body = await ReadJsonAsync(await client.GetAsync("v1/models"));

        Assert.Equal(Model, body["data"]![0]!["id"]!.GetValue<string>());
    }

    private static JsonObject ImagePart(string url) => new() { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } };

    private static JsonObject Request(params JsonNode[] images) => new()
    {
        ["model"] = Model,
        ["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray([new JsonObject { ["type"] = "text", ["text"] = "What is this?" }, .. images]),
        }),
    };
}

public sealed class SvInferenceLegacyErrorTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { VllmLegacyErrorShape = true };

    [Fact]
    public async Task Uses_the_old_vLLM_error_shape_when_configured()
    {
        using var client = Client(EmulatedService.SvInference);

        var (response, body) = await PostAsync(client, "v1/chat/completions", """{"model":"nope","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("error", body["object"]!.GetValue<string>());
        Assert.Equal(404, body["code"]!.GetValue<int>());
    }
}
